package io.paygate.payment.application;

import io.paygate.payment.domain.PaymentEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The events a change of a payment makes, written with the change into the payment's outbox, where they stay until
 * the broker has them.
 *
 * @param republishAt when the sweeper publishes them again, should nobody have cleared them from the outbox by then
 * @param traceParent the trace of the change, kept with the events for their publication; {@code null} when none
 */
public record OutboxEvents(List<PaymentEvent> events, Instant republishAt, String traceParent) {

    /** What a change that reports nothing (a claim, a schedule) writes. */
    public static final OutboxEvents NONE = new OutboxEvents(List.of(), Instant.EPOCH, null);

    public OutboxEvents {
        Objects.requireNonNull(republishAt, "republishAt");
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
