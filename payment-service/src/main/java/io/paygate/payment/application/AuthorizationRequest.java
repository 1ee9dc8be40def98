package io.paygate.payment.application;

import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.PaymentId;

import java.time.Instant;
import java.util.Objects;

/**
 * What the acquirer needs to authorise one payment, the card already sealed.
 *
 * @param acquirer           the acquirer code of the merchant's contract; chooses where the request goes
 * @param acquirerMerchantId the merchant's id at that acquirer
 */
public record AuthorizationRequest(
        PaymentId paymentId,
        String merchantId,
        String acquirer,
        String acquirerMerchantId,
        Money amount,
        CardEnvelope card,
        Instant requestedOn) {

    public AuthorizationRequest {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(acquirer, "acquirer");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(requestedOn, "requestedOn");
    }
}
