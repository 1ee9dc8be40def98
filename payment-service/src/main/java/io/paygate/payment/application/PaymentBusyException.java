package io.paygate.payment.application;

import io.paygate.payment.domain.PaymentId;

/** The payment kept changing under the request (other actions racing with it): the merchant may ask again at once. */
public class PaymentBusyException extends RuntimeException {

    public PaymentBusyException(PaymentId id) {
        super("Payment " + id + " changed under every attempt");
    }
}
