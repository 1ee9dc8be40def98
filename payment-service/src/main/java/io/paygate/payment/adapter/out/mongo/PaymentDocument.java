package io.paygate.payment.adapter.out.mongo;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A payment as MongoDB keeps it: one document per payment, so every change of a payment is one atomic write.
 * It holds the card's summary only; the card number and the CVV never reach the store.
 *
 * @param metadata the merchant's metadata as JSON text: its keys are the merchant's, and MongoDB restricts field
 *                 names ({@code .}, {@code $}), so they are not made into fields
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
        Instant processedOn) {

    static final String COLLECTION = "payments";

    record CardDocument(String last4, String bin, int expiryMonth, int expiryYear, String scheme) {
    }
}
