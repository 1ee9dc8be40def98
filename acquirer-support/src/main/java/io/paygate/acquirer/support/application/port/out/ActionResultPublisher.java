package io.paygate.acquirer.support.application.port.out;

import io.paygate.events.PaymentActionResult;

/** Sends the bank's answers to payment actions to payment-service, whichever instance takes them. */
public interface ActionResultPublisher {

    /**
     * Returns only once the broker has confirmed that it holds the result.
     *
     * @throws ResultNotPublishedException when it did not confirm in time or refused
     */
    void publish(PaymentActionResult result);
}
