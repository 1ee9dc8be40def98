package io.paygate.payment.adapter.out.mongo;

import io.paygate.events.card.CardEnvelope;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A payment as MongoDB keeps it: one document per payment, so every change of a payment is one atomic write.
 * It holds the card's summary; the card number and the CVV exist only sealed, inside the outbox's envelope, and only
 * until the payment is decided: the write that decides it wipes the envelope.
 *
 * @param metadata           the merchant's metadata as JSON text: its keys are the merchant's, and MongoDB restricts
 *                           field names ({@code .}, {@code $}), so they are not made into fields
 * @param decidedOn          when the gateway recorded the acquirer's answer; absent in documents written before it
 *                           was kept
 * @param idempotencyScope   the merchant id, a NUL and the idempotency key this payment holds; absent when the request
 *                           had no key or the key has expired and been released. One field, not two, so that a
 *                           unique sparse index can skip every payment without a key
 * @param requestFingerprint the keyed fingerprint of the request that holds the key, never the card data itself
 * @param outbox             the authorisation command, stored with the payment in its first write; its envelope is
 *                           wiped when the payment is decided, its routing stays for a reversal. Absent in documents
 *                           written before the outbox existed
 * @param sweepDueAt         when the sweeper next owes this payment work; present only while it does (pending, or a
 *                           reversal not yet confirmed), so that finding due work reads only those payments. Every
 *                           change that matters to the sweeper changes it, which makes it the version claims compare
 * @param reversal           the reversal the payment owes the bank; absent when it owes none
 */
@Document(PaymentDocument.COLLECTION)
record PaymentDocument(
        @Id String id,
        String actionId,
        String merchantId,
        long amount,
        String currency,
        CardDocument card,
        String reference,
        String description,
        String metadata,
        String status,
        String responseCode,
        String authCode,
        Instant requestedOn,
        Instant processedOn,
        Instant decidedOn,
        String idempotencyScope,
        String requestFingerprint,
        OutboxDocument outbox,
        Instant sweepDueAt,
        ReversalDocument reversal) {

    static final String COLLECTION = "payments";
    static final String IDEMPOTENCY_SCOPE = "idempotencyScope";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String STATUS = "status";
    static final String SWEEP_DUE_AT = "sweepDueAt";
    static final String OUTBOX_CARD = "outbox.card";
    static final String OUTBOX_SENT = "outbox.sent";
    static final String OUTBOX_PUBLISHED_ON = "outbox.publishedOn";
    static final String REVERSAL = "reversal";
    static final String REVERSAL_REQUESTED_ON = "reversal.requestedOn";
    static final String REVERSAL_SENT = "reversal.sent";
    static final String REVERSAL_CONFIRMED_ON = "reversal.confirmedOn";

    record CardDocument(String last4, String bin, int expiryMonth, int expiryYear, String scheme) {
    }

    /**
     * The {@code AuthorizePayment} command of the payment, less what the payment itself holds.
     *
     * @param card        the sealed card; absent once the payment is decided
     * @param sent        how many times the command was handed to the broker
     * @param publishedOn when the broker first confirmed it; absent until then
     */
    record OutboxDocument(String acquirer, String acquirerMerchantId, String replyTo, CardEnvelope card, Integer sent,
                          Instant publishedOn) {
    }

    /**
     * @param requestedOn when the reversal became owed
     * @param sent        how many times it was handed to the broker
     * @param confirmedOn when the broker confirmed it; absent until then
     */
    record ReversalDocument(Instant requestedOn, Integer sent, Instant confirmedOn) {
    }
}
