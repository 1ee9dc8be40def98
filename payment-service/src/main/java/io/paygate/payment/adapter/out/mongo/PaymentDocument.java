package io.paygate.payment.adapter.out.mongo;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A payment as MongoDB keeps it: one document per payment, so every change of a payment is one atomic write.
 * It holds the card's summary only; the card number and the CVV never reach the store.
 *
 * @param metadata           the merchant's metadata as JSON text: its keys are the merchant's, and MongoDB restricts
 *                           field names ({@code .}, {@code $}), so they are not made into fields
 * @param decidedOn          when the gateway recorded the acquirer's answer; absent in documents written before it
 *                           was kept
 * @param idempotencyScope   the merchant id, a NUL and the idempotency key this payment holds; absent when the request
 *                           had no key or the key has expired and been released. One field, not two, so that a
 *                           unique sparse index can skip every payment without a key
 * @param requestFingerprint the keyed fingerprint of the request that holds the key, never the card data itself
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
        String requestFingerprint) {

    static final String COLLECTION = "payments";
    static final String IDEMPOTENCY_SCOPE = "idempotencyScope";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";

    record CardDocument(String last4, String bin, int expiryMonth, int expiryYear, String scheme) {
    }
}
