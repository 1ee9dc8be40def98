package io.paygate.payment.application;

import java.time.Duration;

/** Hands authorisation requests to the acquirers. */
public interface AuthorizationPublisher {

    /**
     * Publishes a request and waits, at most {@code confirmWithin}, until the broker has taken responsibility for it.
     */
    Publication publish(AuthorizationRequest request, Duration confirmWithin);

    /**
     * Where the acquirers answer the requests of this instance: the address that wakes the requests waiting here.
     * A request re-sent later, by any instance, keeps the address of the instance that first sent it.
     */
    String replyAddress();
}
