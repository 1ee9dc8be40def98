package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.util.Optional;

/** Where payments are kept. Every change is one atomic write of one payment. */
public interface PaymentStore {

    void insert(Payment payment);

    Optional<Payment> findById(PaymentId id);

    /** The payment only when it belongs to this merchant, so no merchant can learn of another's payments. */
    Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId);

    /**
     * Writes the final state of a payment only if the stored one is still {@code Pending}.
     *
     * @return the payment as stored now, or empty when another write got there first (or the payment is unknown)
     */
    Optional<Payment> recordDecisionIfPending(Payment decided);
}
