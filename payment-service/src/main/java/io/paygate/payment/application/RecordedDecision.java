package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;

/**
 * A decision the store has just written.
 *
 * @param payment      the payment as stored now
 * @param commandsSent how many times its authorisation command had been sent when the decision was written
 */
public record RecordedDecision(Payment payment, int commandsSent) {
}
