package io.paygate.payment.application;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment's outbox events as the store held them when overdue: the broker may never have had them.
 *
 * @param dueAt when they fell due, the value a sweeper claims them by
 */
public record UnpublishedEvents(EventsOfPayment events, Instant dueAt) {

    public UnpublishedEvents {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
