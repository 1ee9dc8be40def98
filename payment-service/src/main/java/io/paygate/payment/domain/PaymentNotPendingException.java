package io.paygate.payment.domain;

/** A payment that already has its final status was asked to change it. */
public class PaymentNotPendingException extends IllegalStateException {

    public PaymentNotPendingException(PaymentId id, PaymentStatus status) {
        super("Payment " + id + " is " + status.label() + ", only a Pending payment can be authorised or declined");
    }
}
