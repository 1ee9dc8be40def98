package io.paygate.acquirer.support.adapter.in.amqp;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * How reversals the bank could not take are asked again.
 *
 * @param retryDelay     how long such a reversal waits in the retry queue before it is taken again; the queue's TTL
 * @param confirmTimeout how long to wait for the broker to confirm it holds the reversal in the retry queue
 */
@ConfigurationProperties("paygate.reversals")
public record ReversalQueueProperties(Duration retryDelay, Duration confirmTimeout) {

    public ReversalQueueProperties {
        Objects.requireNonNull(retryDelay, "paygate.reversals.retry-delay");
        Objects.requireNonNull(confirmTimeout, "paygate.reversals.confirm-timeout");
        if (retryDelay.isNegative() || retryDelay.isZero() || retryDelay.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("paygate.reversals.retry-delay must be a positive number of milliseconds "
                    + "that fits RabbitMQ's x-message-ttl");
        }
    }
}
