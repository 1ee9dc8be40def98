package io.paygate.payment.application;

import java.time.Duration;
import java.util.List;

/** Hands payment events to the broker, for webhook-service; port of the events' outbox. */
public interface EventPublisher {

    /** Publishes the events together and waits up to {@code confirmWithin} for the broker to have them. */
    Publication publish(List<EventsOfPayment> events, Duration confirmWithin);
}
