package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

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
     * Writes {@code changed}, as the domain decided it from {@code read}, only if the payment is still at
     * {@code read}'s version: of racing changes exactly one applies, and a repeated one changes nothing. Moving the
     * due time of owed work into the future is how a sweeper claims it: until then nobody else sees it due, and a
     * claimant that dies leaves it to be claimed again then.
     *
     * @return whether the payment was changed; {@code false} when it changed meanwhile (or is unknown)
     */
    default boolean update(Payment read, Payment changed) {
        return update(read, changed, OutboxEvents.NONE);
    }

    /**
     * The same, for a change that makes events: they are written into the payment's outbox in the same write, so the
     * change is never kept without them, and stay there until {@link #removeFromOutbox removed} once the broker has
     * them.
     */
    boolean update(Payment read, Payment changed, OutboxEvents events);

    /**
     * Removes these events from their payments' outboxes: the broker has them. Events the payment made since stay.
     */
    void removeFromOutbox(List<EventsOfPayment> published);

    /**
     * Up to {@code limit} payments whose outbox holds events no one cleared by the time they were to be published
     * again, the longest overdue first. Only payments with such events are looked at.
     */
    List<UnpublishedEvents> findUnpublishedEvents(Instant now, int limit);

    /**
     * Moves the time a payment's outbox is next due from {@code read} to {@code next}, only if it is still {@code read}:
     * how one sweeper claims the republication.
     */
    boolean postponeOutbox(PaymentId id, Instant read, Instant next);

    /** The payment with what its outbox keeps, if it still owes work. */
    Optional<OwedWork> findOwedWork(PaymentId id);

    /**
     * Up to {@code limit} payments whose owed work fell due at or before {@code now}, the longest overdue first. Only
     * payments that owe work are looked at, so the cost follows the work in flight, not the payments stored.
     */
    List<OwedWork> findDue(Instant now, int limit);
}
