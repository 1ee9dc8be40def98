package io.paygate.acquirer.support.application.port.in;

import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;

import java.util.Optional;

/** Capture, void or refund one approved payment at the bank, and publish the bank's answer. */
public interface PaymentActionUseCase {

    /**
     * Safe to repeat: the bank keys the action on its action id, and does it at most once.
     *
     * @return the published result, or empty when the bank gave no answer (after the retries, or at once while the
     *         circuit breaker is open) or the command expires before an answer is sure to come: nothing is published
     *         then, and payment-service sends the command again until it expires
     * @throws ResultNotPublishedException when the broker did not take the result: doing it again is safe
     */
    Optional<PaymentActionResult> act(PaymentActionCommand command);
}
