package io.paygate.acquirer.support.adapter.in.amqp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Objects;

/**
 * How payment actions (captures, voids, refunds) are taken off their queue.
 *
 * @param consumers    how many actions one adapter works on at once, each consumer blocked for a whole bank call
 * @param requeueDelay how long an action whose result the broker did not take waits before it goes back to the queue,
 *                     so that it does not circle between the consumer and the queue as fast as the broker refuses it
 */
@ConfigurationProperties("paygate.actions")
public record ActionQueueProperties(@DefaultValue("2") int consumers, @DefaultValue("1s") Duration requeueDelay) {

    public ActionQueueProperties {
        Objects.requireNonNull(requeueDelay, "paygate.actions.requeue-delay");
        if (consumers < 1) {
            throw new IllegalArgumentException("paygate.actions.consumers must be at least 1");
        }
        if (requeueDelay.isNegative()) {
            throw new IllegalArgumentException("paygate.actions.requeue-delay must not be negative");
        }
    }
}
