package io.paygate.events;

import io.paygate.events.card.CardEnvelope;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from payment-service to an acquirer adapter: ask the bank to authorise one payment.
 *
 * @param paymentId          the gateway's payment id; the bank's idempotency key and the message id
 * @param merchantId         the gateway's merchant id
 * @param acquirerMerchantId the merchant's id at the acquirer
 * @param amount             amount in minor units of {@code currency}
 * @param currency           ISO 4217 code
 * @param card               card number, CVV and expiry, sealed with AES-256-GCM
 * @param replyTo            routing key on {@link Topology#AUTHORIZATION_RESULTS_EXCHANGE} for the result
 * @param requestedOn        when the merchant asked
 */
public record AuthorizePayment(
        String paymentId,
        String merchantId,
        String acquirerMerchantId,
        long amount,
        String currency,
        CardEnvelope card,
        String replyTo,
        Instant requestedOn) {

    public static final String TYPE = "AuthorizePayment";
    public static final int VERSION = 1;

    public AuthorizePayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(replyTo, "replyTo");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
