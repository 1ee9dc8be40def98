package io.paygate.payment.application;

import java.time.Duration;

/** Hands authorisation requests to the acquirers. */
public interface AuthorizationPublisher {

    /**
     * Publishes a request and waits, at most {@code confirmWithin}, until the broker has taken responsibility for it.
     */
    Publication publish(AuthorizationRequest request, Duration confirmWithin);

    /** What became of a publication. Only {@link #CONFIRMED} means an acquirer will see the request. */
    enum Publication {
        /** The broker stored the request for the acquirer. */
        CONFIRMED,
        /** No acquirer queue takes this acquirer's requests: the adapter has never run. */
        UNROUTABLE,
        /** The broker refused the request. */
        REJECTED,
        /** No answer from the broker in time, or no broker: the request may or may not have gone out. */
        UNCONFIRMED
    }
}
