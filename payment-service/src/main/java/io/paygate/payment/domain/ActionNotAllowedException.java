package io.paygate.payment.domain;

/** The action cannot be done to the payment in its current state: e.g. a void after a capture, a refund of nothing. */
public class ActionNotAllowedException extends RuntimeException {

    public ActionNotAllowedException(PaymentId id, PaymentAction.Type type, PaymentStatus status) {
        super(type.label() + " is not allowed on payment " + id + ", which is " + status.label());
    }
}
