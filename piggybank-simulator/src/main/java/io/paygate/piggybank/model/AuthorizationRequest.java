package io.paygate.piggybank.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /payments}, in the challenge simulator's field names. Every field may arrive missing. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuthorizationRequest(
        @Nullable String cardNumber,
        @Nullable String expiryDate,
        @Nullable String currency,
        @Nullable Long amount,
        @Nullable String cvv) {

    /** Why the bank refuses to look at this request, naming every offending field, or empty when it is complete. */
    public Optional<String> problem() {
        List<String> missing = new ArrayList<>();
        if (isBlank(cardNumber)) missing.add("card_number");
        if (isBlank(expiryDate)) missing.add("expiry_date");
        if (isBlank(currency)) missing.add("currency");
        if (amount == null) missing.add("amount");
        if (isBlank(cvv)) missing.add("cvv");
        if (!missing.isEmpty()) {
            return Optional.of("Missing required field(s): " + String.join(", ", missing));
        }
        // The decision reads the last digit, so anything else would have no defined answer.
        if (!cardNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("card_number must contain digits only");
        }
        return Optional.empty();
    }

    /** The last four characters of the card number, the most that may ever be logged. */
    public String last4() {
        if (cardNumber == null) return "";
        return cardNumber.substring(Math.max(0, cardNumber.length() - 4));
    }

    /** Keeps the card number and CVV out of logs and exception messages. */
    @Override
    public String toString() {
        return "AuthorizationRequest[card=****" + last4() + ", expiryDate=" + expiryDate
                + ", currency=" + currency + ", amount=" + amount + ", cvv=***]";
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
