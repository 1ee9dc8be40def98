package io.paygate.piggybank.model;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of a capture ({@code {"amount": 500, "final": false}}) or a refund ({@code {"amount": 500}}).
 *
 * @param amount       minor units, at least 1
 * @param finalCapture {@code "final"}: a capture that releases the uncaptured rest; false when absent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionRequest(@Nullable Long amount, @JsonProperty("final") @Nullable Boolean finalCapture) {

    /** Why the bank refuses to look at this request, or empty when it is complete. */
    public Optional<String> problem() {
        if (amount == null) {
            return Optional.of("Missing required field(s): amount");
        }
        if (amount < 1) {
            return Optional.of("amount must be at least 1");
        }
        return Optional.empty();
    }

    /** For a request without {@link #problem()}. */
    public PaymentAction capture() {
        return PaymentAction.capture(amount, Boolean.TRUE.equals(finalCapture));
    }

    /** For a request without {@link #problem()}; a {@code final} flag means nothing to a refund. */
    public PaymentAction refund() {
        return PaymentAction.refund(amount);
    }
}
