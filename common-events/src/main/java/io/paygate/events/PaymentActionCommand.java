package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from payment-service to an acquirer adapter: capture, void or refund one approved payment at its bank. The
 * adapter asks the bank with the action id as the idempotency key, so a command sent again, or redelivered, is the
 * same request to the bank and never moves money twice. It publishes a {@link PaymentActionResult} only for an answer
 * of the bank's; while the bank gives none, payment-service sends the command again until its expiry.
 *
 * @param actionId           the action's id ({@code act_...}): the bank's idempotency key of the action, and the
 *                           message id
 * @param type               capture, void or refund
 * @param paymentId          the payment: the idempotency key its authorisation was made under, by which the bank finds
 *                           it
 * @param merchantId         the gateway's merchant id
 * @param acquirerMerchantId the merchant's id at the acquirer
 * @param acquirerReference  the bank's reference of the authorisation, when its answer gave one (an ISO 8583
 *                           retrieval reference number); {@code null} otherwise
 * @param amount             minor units of {@code currency} to capture or refund; for a void, what is released
 * @param currency           ISO 4217 code, the payment's
 * @param finalCapture       for a capture: whether it ends the authorisation, releasing what it does not take
 * @param requestedOn        when the merchant asked for the action
 * @param expiresAt          when the gateway stops waiting for the bank and records the action declined {@code 20068}:
 *                           the adapter must not start a bank call that could still be running then
 */
public record PaymentActionCommand(
        String actionId,
        ActionType type,
        String paymentId,
        String merchantId,
        String acquirerMerchantId,
        String acquirerReference,
        long amount,
        String currency,
        boolean finalCapture,
        Instant requestedOn,
        Instant expiresAt) {

    public static final String TYPE = "PaymentActionCommand";
    public static final int VERSION = 1;

    public PaymentActionCommand {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(requestedOn, "requestedOn");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (finalCapture && type != ActionType.CAPTURE) {
            throw new IllegalArgumentException("only a capture can be final");
        }
    }
}
