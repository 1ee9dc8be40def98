package io.paygate.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened to a payment, for its merchant's webhooks: published by payment-service in a
 * {@link PaymentEvents} batch once the change it reports is stored, and again until the broker confirms it, so that a
 * consumer may see an event more than once and must de-duplicate by its {@link #id()}. Holds no card data beyond the
 * BIN and the last four digits.
 *
 * @param id           {@code evt_...}; the same for every publication of the same event
 * @param createdOn    when the change it reports was made
 * @param actionId     the action reported: the authorisation's for {@code payment_approved/declined/pending}, else
 *                     the capture's, void's or refund's
 * @param amount       minor units the reported action moves (for an authorisation, the payment's amount)
 * @param responseCode the bank's (or the gateway's) answer; {@code null} for {@code payment_pending}
 * @param authCode     the bank's authorisation code, once approved
 * @param processedOn  when the answer reported came; {@code null} for {@code payment_pending}
 * @param balances     the payment's balances once the change was made
 * @param metadata     the merchant's own key-value data of the payment, as given; empty when none
 * @param traceParent  the W3C {@code traceparent} of the change that made the event, so that its webhook deliveries
 *                     join the payment's trace; {@code null} when that change was not traced
 */
public record PaymentEvent(
        String id,
        PaymentEventType type,
        Instant createdOn,
        String merchantId,
        String paymentId,
        String actionId,
        String reference,
        long amount,
        String currency,
        ResponseCode responseCode,
        String authCode,
        Instant processedOn,
        Balances balances,
        Card card,
        Map<String, Object> metadata,
        String traceParent) {

    public PaymentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdOn, "createdOn");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balances, "balances");
        Objects.requireNonNull(card, "card");
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** What the payment's money stands at, in minor units, as {@code GET /payments/{id}} shows it. */
    public record Balances(long totalAuthorized, long totalVoided, long availableToVoid, long totalCaptured,
                           long availableToCapture, long totalRefunded, long availableToRefund) {
    }

    /** The card, as far as an event may show it. */
    public record Card(String scheme, String bin, String last4) {
    }
}
