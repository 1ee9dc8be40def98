package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;

/**
 * An action the payment took on, to be done at the bank.
 *
 * @param replayed whether it was taken on by an earlier request with the same idempotency key
 */
public record AcceptedAction(Payment payment, PaymentAction action, boolean replayed) {
}
