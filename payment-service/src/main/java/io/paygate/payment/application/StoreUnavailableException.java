package io.paygate.payment.application;

/**
 * The store could not be reached, or lost the connection mid-request: whether a write took effect is unknown, so the
 * caller should try again with the same idempotency key, which finds the payment if it was stored.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("The payment store is unavailable: " + cause.getMessage(), cause);
    }
}
