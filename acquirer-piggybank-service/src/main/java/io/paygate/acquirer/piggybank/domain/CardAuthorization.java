package io.paygate.acquirer.piggybank.domain;

import io.paygate.events.card.CardData;

import java.util.Objects;

/**
 * What the adapter asks the bank for one payment. It holds the clear card only for the length of one
 * authorisation; its text form shows the masked card.
 *
 * @param paymentId the gateway's payment id, sent as the bank's idempotency key so that every retry and
 *                  every redelivered command is the same request to the bank
 * @param amount    minor units of {@code currency}
 */
public record CardAuthorization(String paymentId, CardData card, long amount, String currency) {

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
}
