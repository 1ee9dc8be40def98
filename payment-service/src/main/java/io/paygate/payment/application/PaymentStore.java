package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.util.Optional;

/** Where payments are kept. Every change is one atomic write of one payment. */
public interface PaymentStore {

    /** Stores a new payment that came without an idempotency key. */
    void insert(Payment payment);

    /**
     * Stores a new payment as the holder of its merchant's idempotency key, unless another payment holds that key:
     * then stores nothing and returns that payment. One atomic write decides, however many requests race.
     *
     * @param requestFingerprint the fingerprint of the request, kept for the retries that will be compared with it
     */
    Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, IdempotencyKey key, String requestFingerprint);

    /** Frees the idempotency key the payment holds, so that the key can make a new payment; the payment stays. */
    void releaseIdempotencyKey(PaymentId holder);

    Optional<Payment> findById(PaymentId id);

    /** The payment only when it belongs to this merchant, so no merchant can learn of another's payments. */
    Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId);

    /** One page of the merchant's payments with this reference, newest first. */
    PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query);

    /**
     * Writes the final state of a payment only if the stored one is still {@code Pending}.
     *
     * @return the payment as stored now, or empty when another write got there first (or the payment is unknown)
     */
    Optional<Payment> recordDecisionIfPending(Payment decided);
}
