package io.paygate.payment.application;

/** An idempotency key came back with another request than the one it was first used for. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("The idempotency key was first used for another request");
    }
}
