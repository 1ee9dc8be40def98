package io.paygate.events;

import java.util.List;
import java.util.Objects;

/**
 * Message from payment-service to webhook-service on {@link Topology#PAYMENT_EVENTS_EXCHANGE}: the events it stored
 * and publishes together, one message for many so that the broker's cost per event stays small under load. The
 * message id is the first event's id. Order within and between batches is not guaranteed.
 */
public record PaymentEvents(List<PaymentEvent> events) {

    public static final String TYPE = "PaymentEvents";
    public static final int VERSION = 1;

    public PaymentEvents {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("A batch holds at least one event");
        }
        events = List.copyOf(events);
    }
}
