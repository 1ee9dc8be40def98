package io.paygate.payment.application;

import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where payments are kept. Every change is one atomic write of one payment: a new payment is stored together with
 * its outbox, the authorisation command that must reach the acquirer, so that no payment can exist without it.
 */
public interface PaymentStore {

    /**
     * Stores a new payment that came without an idempotency key, with its command in the outbox.
     *
     * @param firstDueAt when the sweeper sends the command if nobody has confirmed its publication by then
     */
    void insert(Payment payment, AuthorizationRequest command, Instant firstDueAt);

    /**
     * Stores a new payment and its command as the holder of its merchant's idempotency key, unless another payment
     * holds that key: then stores nothing and returns that payment. One atomic write decides, however many requests
     * race.
     *
     * @param requestFingerprint the fingerprint of the request, kept for the retries that will be compared with it
     */
    Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, AuthorizationRequest command, Instant firstDueAt,
                                            IdempotencyKey key, String requestFingerprint);

    /** Frees the idempotency key the payment holds, so that the key can make a new payment; the payment stays. */
    void releaseIdempotencyKey(PaymentId holder);

    Optional<Payment> findById(PaymentId id);

    /** The payment only when it belongs to this merchant, so no merchant can learn of another's payments. */
    Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId);

    /** One page of the merchant's payments with this reference, newest first. */
    PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query);

    /**
     * Records that the broker holds the payment's command, if the payment is still pending.
     *
     * @param nextDueAt when the sweeper sends the command again if no answer has come by then
     */
    void markPublished(PaymentId id, Instant publishedOn, Instant nextDueAt);

    /**
     * Writes a decision only if the payment is still {@code Pending}, and wipes the sealed card from its outbox in the
     * same write.
     *
     * @param reversalOwed whether the payment will then owe the bank a reversal, due at once
     * @return the decision as stored, or empty when the payment was no longer pending (or is unknown)
     */
    Optional<RecordedDecision> recordDecisionIfPending(PaymentId id, Decision decision, boolean reversalOwed);

    /** Records that the broker holds the payment's reversal: the payment owes no more work. */
    void markReversalConfirmed(PaymentId id, Instant confirmedOn);

    /** Up to {@code limit} payments whose work fell due at or before {@code now}, the longest overdue first. */
    List<OwedWork> findDueWork(Instant now, int limit);

    /**
     * Takes owed work for this caller alone: moves it to {@code nextDueAt}, only if it is still due at the time it
     * was read ({@link OwedWork#dueAt()}), so that of several sweepers reading the same work exactly one claims it.
     * Until {@code nextDueAt} nobody else sees it due; a claimant that dies leaves it to be claimed again then.
     *
     * @param nextDueAt when the work falls due again; {@code null} when the payment owes nothing more
     *
     * @return the work as it stands after the claim; empty when someone else claimed or changed it first, or when it
     *         was claimed to owe nothing more
     */
    Optional<OwedWork> claim(OwedWork work, Instant nextDueAt, Claim claim);

    /** What a claimant is about to do with the work it claims, counted in the same write. */
    enum Claim {
        /** Send the authorisation command (again). */
        SEND_COMMAND,
        /** Hand the reversal to the broker (again). */
        SEND_REVERSAL,
        /** Nothing now: only move the work to when it falls due again, or drop it when nothing is owed. */
        RESCHEDULE
    }
}
