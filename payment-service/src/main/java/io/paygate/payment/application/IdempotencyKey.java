package io.paygate.payment.application;

/**
 * The key under which a merchant may safely retry a payment request (the IETF Idempotency-Key draft; Checkout.com's
 * {@code Cko-Idempotency-Key}): 1 to 255 printable ASCII characters. Keys belong to their merchant, so two merchants
 * may use the same one.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("An idempotency key has 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
    }

    public static boolean isValid(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_LENGTH
                && text.chars().allMatch(c -> c >= ' ' && c <= '~');
    }
}
