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
 * @param expiresAt          when the gateway gives up on the payment (its request time plus the final deadline): from
 *                           then on it declines the payment {@code 20068} and asks the bank to reverse it, so the
 *                           adapter must not start a bank call that could still be running at that moment.
 *                           The reversal travels on another queue and may reach the bank first; a command held up in a
 *                           backlog would otherwise be approved after it, and nothing would undo that approval.
 *                           {@code null} from a producer that predates the field: no expiry. An optional addition, so
 *                           the contract stays at {@link #VERSION} 1: consumers that do not know it ignore it
 */
public record AuthorizePayment(
        String paymentId,
        String merchantId,
        String acquirerMerchantId,
        long amount,
        String currency,
        CardEnvelope card,
        String replyTo,
        Instant requestedOn,
        Instant expiresAt) {

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
