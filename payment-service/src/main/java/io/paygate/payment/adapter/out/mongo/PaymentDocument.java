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
 *                           wiped when the payment is decided, its routing stays for a reversal
 * @param owed               the work the payment owes; present only while it owes some (pending, or a reversal not yet
 *                           handed over), so that the sparse index on its due time holds only those payments
 * @param reversalRequestedOn when the acquirer was handed the reversal the payment owed
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
        ObligationDocument owed,
        Instant reversalRequestedOn) {

    static final String COLLECTION = "payments";
    static final String IDEMPOTENCY_SCOPE = "idempotencyScope";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String STATUS = "status";
    static final String OUTBOX_CARD = "outbox.card";
    static final String OWED = "owed";
    static final String OWED_DUE_AT = "owed.dueAt";
    static final String OWED_KIND = "owed.kind";
    static final String REVERSAL_REQUESTED_ON = "reversalRequestedOn";

    record CardDocument(String last4, String bin, int expiryMonth, int expiryYear, String scheme) {
    }

    /**
     * The {@code AuthorizePayment} command of the payment, less what the payment itself holds.
     *
     * @param card the sealed card; absent once the payment is decided
     */
    record OutboxDocument(String acquirer, String acquirerMerchantId, String replyTo, CardEnvelope card) {
    }

    /** What the payment owes, see {@code Obligation}. */
    record ObligationDocument(String kind, Instant dueAt, int attempts) {
    }
}
