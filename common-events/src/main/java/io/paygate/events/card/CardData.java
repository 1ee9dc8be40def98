package io.paygate.events.card;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Clear card data, held only in memory while a payment is requested or authorised.
 * {@link #toString()} masks it, so it cannot leak through a log line.
 */
public record CardData(String number, String cvv, int expiryMonth, int expiryYear) {

    private static final char SEPARATOR = '|';

    public CardData {
        Objects.requireNonNull(number, "number");
        if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("card number must be digits");
        }
        if (cvv != null && !cvv.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("cvv must be digits");
        }
    }

    public String last4() {
        return number.substring(Math.max(0, number.length() - 4));
    }

    byte[] serialize() {
        return (number + SEPARATOR + (cvv == null ? "" : cvv) + SEPARATOR + expiryMonth + SEPARATOR + expiryYear)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static CardData deserialize(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.US_ASCII).split("\\|", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Malformed card data");
        }
        return new CardData(parts[0], parts[1].isEmpty() ? null : parts[1],
                Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
    }

    @Override
    public String toString() {
        return "CardData[number=****" + last4() + ", cvv=***, expiry=" + expiryMonth + "/" + expiryYear + "]";
    }
}
