package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;

/**
 * What a payment request is answered with.
 *
 * @param payment  the payment as the answer shows it: decided when the acquirer's answer came in time, otherwise as
 *                 requested, {@code Pending}
 * @param replayed whether this repeats the answer to an earlier request with the same idempotency key
 */
public record PaymentAnswer(Payment payment, boolean replayed) {
}
