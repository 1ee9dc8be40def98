package io.paygate.payment.application;

/** No payment with this id belongs to the merchant: unknown, or another merchant's, which must not show. */
public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(String id) {
        super("No payment " + id);
    }
}
