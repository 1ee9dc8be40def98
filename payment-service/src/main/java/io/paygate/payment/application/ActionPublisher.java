package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;

import java.time.Duration;
import java.time.Instant;

/** Hands the commands of captures, voids and refunds to the acquirer that authorised the payment. */
public interface ActionPublisher {

    /**
     * Publishes the action's command and waits, at most {@code confirmWithin}, until the broker has taken
     * responsibility for it.
     *
     * @param expiresAt when the gateway stops waiting for the bank's answer, see {@link PaymentAction#deadline}
     */
    Publication publish(Payment payment, PaymentAction action, Instant expiresAt, Duration confirmWithin);
}
