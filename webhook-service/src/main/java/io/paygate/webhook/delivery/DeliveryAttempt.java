package io.paygate.webhook.delivery;

import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;

/**
 * One POST of a delivery's body to its endpoint.
 *
 * @param statusCode the endpoint's answer; null when there was none (timeout, connection or address refused)
 * @param error      why it failed without an answer, or which answer it was; null for a 2xx
 * @param latencyMs  from the start of the attempt to its answer or failure
 */
public record DeliveryAttempt(
        @Field("attempted_on") Instant attemptedOn,
        @Field("status_code") Integer statusCode,
        @Field("error") String error,
        @Field("latency_ms") long latencyMs) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
