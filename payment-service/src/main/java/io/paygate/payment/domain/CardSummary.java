package io.paygate.payment.domain;

import java.util.Objects;

/**
 * What the gateway keeps of a card: enough to show the merchant which card paid, never enough to charge it again.
 * The full number and the CVV are never part of a payment.
 * <p>
 * PCI DSS 3.4 allows at most the first six and the last four digits to be shown; the gateway also keeps at least
 * six digits hidden, so a card shorter than 16 digits shows fewer of its first digits (3 of a 13-digit card).
 */
public record CardSummary(String last4, String bin, int expiryMonth, int expiryYear, CardScheme scheme) {

    public static final int MIN_DIGITS = 13;
    public static final int MAX_DIGITS = 19;
    private static final int MAX_LEADING_DIGITS = 6;
    private static final int MIN_HIDDEN_DIGITS = 6;

    public CardSummary {
        Objects.requireNonNull(last4, "last4");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(scheme, "scheme");
        if (last4.length() != 4 || bin.isEmpty() || bin.length() > MAX_LEADING_DIGITS) {
            throw new IllegalArgumentException("A card summary holds the last 4 and at most the first 6 digits");
        }
        if (expiryMonth < 1 || expiryMonth > 12) {
            throw new IllegalArgumentException("Expiry month must be 1-12");
        }
    }

    public static CardSummary of(String number, int expiryMonth, int expiryYear) {
        if (number == null || number.length() < MIN_DIGITS || number.length() > MAX_DIGITS
                || !number.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("A card number has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        int leading = Math.min(MAX_LEADING_DIGITS, number.length() - 4 - MIN_HIDDEN_DIGITS);
        return new CardSummary(number.substring(number.length() - 4), number.substring(0, leading),
                expiryMonth, expiryYear, CardScheme.of(number));
    }
}
