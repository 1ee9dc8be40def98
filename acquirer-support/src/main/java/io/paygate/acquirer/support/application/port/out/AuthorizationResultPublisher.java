package io.paygate.acquirer.support.application.port.out;

import io.paygate.events.AuthorizationResult;

/** Sends results back to the payment-service instance named by the command. */
public interface AuthorizationResultPublisher {

    /**
     * Returns only once the broker has confirmed that it holds the result.
     *
     * @throws ResultNotPublishedException when it did not confirm in time or refused
     */
    void publish(AuthorizationResult result, String replyTo);
}
