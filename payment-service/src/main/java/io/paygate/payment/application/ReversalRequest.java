package io.paygate.payment.application;

import io.paygate.events.ResponseCode;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.PaymentId;

import java.time.Instant;
import java.util.Objects;

/**
 * A reversal the gateway owes the bank for one payment.
 *
 * @param reason      the decline that made it owed
 * @param requestedOn when it became owed
 */
public record ReversalRequest(PaymentId paymentId, String merchantId, AcquirerRouting routing, Money amount,
                              ResponseCode reason, Instant requestedOn) {

    public ReversalRequest {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedOn, "requestedOn");
    }
}
