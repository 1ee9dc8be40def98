package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.Transition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where payments are kept. Every change is one atomic, conditional write of one payment, decided by the domain: the
 * store maps and writes, it decides nothing. A new payment is stored together with its outbox, the authorisation
 * command that must reach the acquirer, so that no payment can exist without it.
 */
public interface PaymentStore {

    /** Stores a new payment that came without an idempotency key, with its command in the outbox. */
    void insert(Payment payment, AuthorizationRequest command);

    /**
     * Stores a new payment and its command as the holder of its merchant's idempotency key, unless another payment
     * holds that key: then stores nothing and returns that payment. One atomic write decides, however many requests
     * race.
     */
    Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, AuthorizationRequest command, KeyClaim claim);

    /** Frees the idempotency key the payment holds, so that the key can make a new payment; the payment stays. */
    void releaseIdempotencyKey(PaymentId holder);

    /**
     * Frees up to {@code limit} idempotency keys that expired at or before {@code now}, with their request
     * fingerprints, the longest expired first. Only payments that hold a key are looked at.
     *
     * @return how many keys were freed
     */
    int releaseExpiredIdempotencyKeys(Instant now, int limit);

    Optional<Payment> findById(PaymentId id);

    /** The payment only when it belongs to this merchant, so no merchant can learn of another's payments. */
    Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId);

    /** One page of the merchant's payments with this reference, newest first. */
    PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query);

    /**
     * Writes a change of state only if the payment is still in the state the change was decided from, and wipes the
     * sealed card from its outbox in the same write: only a pending payment needs it.
     *
     * A decision that names its acquirer is written only while that acquirer has the payment's command.
     *
     * @return whether the payment was changed; {@code false} when it was in another state, is with another acquirer
     *         (or is unknown)
     */
    boolean apply(PaymentId id, Transition transition);

    /**
     * Sends a pending payment's command to the next acquirer of its route, as the domain decided from {@code read}
     * ({@link Payment#failOver}): writes {@code redirected}'s route and obligation only if the payment is still
     * pending with the acquirer {@code read} had, so that of several copies of the answer exactly one moves it.
     *
     * @return whether the payment was changed
     */
    boolean failOver(Payment read, Payment redirected);

    /** The payment with what its outbox keeps, if it still owes work. */
    Optional<OwedWork> findOwedWork(PaymentId id);

    /**
     * Up to {@code limit} payments whose owed work fell due at or before {@code now}, the longest overdue first. Only
     * payments that owe work are looked at, so the cost follows the work in flight, not the payments stored.
     */
    List<OwedWork> findDue(Instant now, int limit);

    /**
     * Replaces what a payment owes by what {@code changed} owes, only if the payment still owes exactly what
     * {@code read} owed (kind and due time), so that of several sweepers reading the same work exactly one changes
     * it. Moving the due time into the future is how a sweeper claims work: until then nobody else sees it due, and a
     * claimant that dies leaves it to be claimed again then.
     *
     * @return whether the payment was changed
     */
    boolean replaceObligation(Payment read, Payment changed);
}
