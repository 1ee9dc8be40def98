package io.paygate.acquirer.support.domain;

import io.paygate.events.card.CardData;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the adapter asks the bank for one payment. It holds the clear card only for the length of one
 * authorisation; its text form shows the masked card.
 *
 * @param paymentId the gateway's payment id, sent as the bank's idempotency key so that every retry and
 *                  every redelivered command is the same request to the bank
 * @param acquirerMerchantId the merchant's id at the acquirer, which some banks' requests carry; {@code null} when
 *                  the command did not say
 * @param amount    minor units of {@code currency}
 * @param expiresAt when the gateway treats the payment as timed out (declined, its reversal on the way), so that no
 *                  request to the bank may still be running then; {@code null} when the command set no expiry
 */
public record CardAuthorization(String paymentId, String acquirerMerchantId, CardData card, long amount, String currency, Instant expiresAt) {

    public CardAuthorization {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(currency, "currency");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    public String idempotencyKey() {
        return paymentId;
    }

    /**
     * Whether a request to the bank started at {@code now}, which gets its answer or gives up within
     * {@code longestRequest}, is over by the expiry. A request still running then could be approved after the
     * gateway declined the payment, and after the bank took the reversal that was meant to undo it.
     */
    public boolean endsBeforeExpiry(Instant now, Duration longestRequest) {
        return expiresAt == null || !now.plus(longestRequest).isAfter(expiresAt);
    }
}
