package io.paygate.piggybank.model;

/**
 * What an action asks of an approved authorisation, as its idempotency key remembers it: a repeat of the key must
 * ask exactly this again to get the first answer.
 *
 * @param amount       minor units to capture or refund; zero for a void, which always releases the whole hold
 * @param finalCapture a capture that releases the uncaptured rest, after which nothing more can be captured
 */
public record PaymentAction(Kind kind, long amount, boolean finalCapture) {

    public enum Kind { CAPTURE, VOID, REFUND }

    public static PaymentAction capture(long amount, boolean finalCapture) {
        return new PaymentAction(Kind.CAPTURE, amount, finalCapture);
    }

    public static PaymentAction voiding() {
        return new PaymentAction(Kind.VOID, 0, false);
    }

    public static PaymentAction refund(long amount) {
        return new PaymentAction(Kind.REFUND, amount, false);
    }
}
