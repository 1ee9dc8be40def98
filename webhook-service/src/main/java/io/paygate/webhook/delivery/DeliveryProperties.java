package io.paygate.webhook.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code paygate.webhooks.delivery}.
 *
 * @param timeout         how long one attempt may take, connection and answer together
 * @param retrySchedule   the waits after each failed attempt: the n-th failure waits the n-th; after the last, failed
 * @param perEndpoint     attempts in flight to one endpoint from one instance; more wait, due, in the store
 * @param linksBaseUrl    the public base URL of the API, for the links in an event
 * @param sweepInterval   how often due deliveries are looked for
 * @param sweepBatch      at most this many due deliveries per look
 * @param consumers       consumers of the payment events queue
 * @param requeueDelay    how long a batch of events that could not be stored waits before it goes back to the queue
 */
@ConfigurationProperties("paygate.webhooks.delivery")
public record DeliveryProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue({"5m", "10m", "15m", "30m", "1h", "4h", "12h", "12h"}) List<Duration> retrySchedule,
        @DefaultValue("4") int perEndpoint,
        @DefaultValue("https://localhost:8443") String linksBaseUrl,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("200") int sweepBatch,
        @DefaultValue("2") int consumers,
        @DefaultValue("1s") Duration requeueDelay) {

    public DeliveryProperties {
        Objects.requireNonNull(timeout, "paygate.webhooks.delivery.timeout");
        Objects.requireNonNull(linksBaseUrl, "paygate.webhooks.delivery.links-base-url");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("paygate.webhooks.delivery.timeout must be positive");
        }
        if (perEndpoint < 1 || sweepBatch < 1 || consumers < 1) {
            throw new IllegalArgumentException(
                    "paygate.webhooks.delivery.per-endpoint, sweep-batch and consumers must be at least 1");
        }
    }
}
