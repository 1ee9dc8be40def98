package io.paygate.payment.application;

import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.PaymentId;

import java.time.Instant;
import java.util.Objects;

/**
 * What the acquirer needs to authorise one payment, the card already sealed. It waits in the payment's outbox until
 * the payment is decided, so that it can be sent again.
 *
 * @param replyTo   the {@link AuthorizationPublisher#replyAddress() address} of the instance that took the request
 * @param expiresAt when the sweeper declines the payment as timed out, if it is still pending: its request time plus
 *                  the final deadline. The acquirer starts no bank call that could outlast it. Not stored: the request
 *                  and every sweep derive it by that rule from the stored request time, so every copy of the command
 *                  carries the same expiry, the one the sweeper itself goes by
 */
public record AuthorizationRequest(
        PaymentId paymentId,
        String merchantId,
        AcquirerRouting routing,
        Money amount,
        CardEnvelope card,
        Instant requestedOn,
        String replyTo,
        Instant expiresAt) {

    public AuthorizationRequest {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(requestedOn, "requestedOn");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
