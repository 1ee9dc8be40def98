package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.util.Optional;

/** Reads payments on behalf of the merchant that owns them. */
public class PaymentQueries {

    private final PaymentStore store;

    public PaymentQueries(PaymentStore store) {
        this.store = store;
    }

    /** The merchant's payment; empty when the id is unknown, malformed or another merchant's. */
    public Optional<Payment> find(String paymentId, String merchantId) {
        return PaymentId.parse(paymentId).flatMap(id -> store.findByIdAndMerchant(id, merchantId));
    }

    /** A page of the merchant's own payments with a reference; other merchants' payments never appear. */
    public PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query) {
        return store.findByReference(merchantId, query);
    }
}
