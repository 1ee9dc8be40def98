package io.paygate.payment.application;

/** The first request with this idempotency key is still waiting for its answer: the retry came too early. */
public class IdempotencyKeyInUseException extends RuntimeException {

    public IdempotencyKeyInUseException() {
        super("The first request with this idempotency key is still in flight");
    }
}
