package io.paygate.acquirer.support.domain;

import io.paygate.events.ActionType;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the adapter asks the bank to do with one approved authorisation: capture, void or refund.
 *
 * @param actionId           the gateway's action id, sent as the bank's idempotency key of the action, so that every
 *                           retry and every re-sent or redelivered command is the same request to the bank and never
 *                           moves money twice
 * @param type               capture, void or refund
 * @param paymentId          the idempotency key the authorisation was made under, by which the bank finds it
 * @param acquirerMerchantId the merchant's id at the acquirer, which some banks' requests carry; {@code null} when the
 *                           command did not say
 * @param acquirerReference  the bank's reference of the authorisation, when its answer gave one; {@code null} otherwise
 * @param amount             minor units of {@code currency} to capture or refund; for a void, what is released
 * @param finalCapture       for a capture: whether it ends the authorisation, releasing what it does not take
 * @param expiresAt          when the gateway stops waiting for the bank's answer, so that no request may still be
 *                           running then
 */
public record PaymentActionRequest(String actionId, ActionType type, String paymentId, String acquirerMerchantId,
                                   String acquirerReference, long amount, String currency, boolean finalCapture,
                                   Instant expiresAt) {

    public PaymentActionRequest {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (finalCapture && type != ActionType.CAPTURE) {
            throw new IllegalArgumentException("only a capture can be final");
        }
    }

    /**
     * Whether a request to the bank started at {@code now}, which gets its answer or gives up within
     * {@code longestRequest}, is over by the expiry. A request still running then could move money after the gateway
     * recorded the action declined.
     */
    public boolean endsBeforeExpiry(Instant now, Duration longestRequest) {
        return expiresAt == null || !now.plus(longestRequest).isAfter(expiresAt);
    }
}
