package io.paygate.payment.domain;

import java.util.Objects;

/**
 * What the gateway keeps of a card: enough to show the merchant which card paid, never enough to charge it again.
 * The full number and the CVV are never part of a payment.
 */
public record CardSummary(String last4, String bin, int expiryMonth, int expiryYear, CardScheme scheme) {

    public CardSummary {
        Objects.requireNonNull(last4, "last4");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(scheme, "scheme");
        if (last4.length() != 4 || bin.length() != 6) {
            throw new IllegalArgumentException("A card summary holds the last 4 and the first 6 digits");
        }
        if (expiryMonth < 1 || expiryMonth > 12) {
            throw new IllegalArgumentException("Expiry month must be 1-12");
        }
    }

    public static CardSummary of(String number, int expiryMonth, int expiryYear) {
        if (number == null || number.length() < 12 || !number.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("A card number has 12 to 19 digits");
        }
        return new CardSummary(number.substring(number.length() - 4), number.substring(0, 6),
                expiryMonth, expiryYear, CardScheme.of(number));
    }
}
