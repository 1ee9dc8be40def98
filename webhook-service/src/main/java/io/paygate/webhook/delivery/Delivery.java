package io.paygate.webhook.delivery;

import io.paygate.events.PaymentEvent;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;

/**
 * One event for one endpoint: the body it is sent, built once so that every attempt sends the same bytes, and what
 * became of each attempt.
 *
 * @param status        {@link #PENDING} while attempts remain, then {@link #SUCCEEDED} or {@link #FAILED}
 * @param nextAttemptOn when it is due; present only while there is work to do, so that finding due deliveries costs
 *                      what is in flight, not the history. Absent while its endpoint is paused (the delivery is held)
 * @param failureReason why it failed without an attempt (its endpoint was removed); null otherwise
 * @param traceParent   the trace of the payment change that made the event: each attempt is a span in it
 */
@Document(Delivery.COLLECTION)
public record Delivery(
        @Id String id,
        @Field(ENDPOINT_ID) String endpointId,
        @Field(MERCHANT_ID) String merchantId,
        @Field(EVENT_ID) String eventId,
        @Field(EVENT_TYPE) String eventType,
        @Field(BODY) String body,
        @Field(STATUS) String status,
        @Field(ATTEMPTS) List<DeliveryAttempt> attempts,
        @Field(NEXT_ATTEMPT_ON) Instant nextAttemptOn,
        @Field(FAILURE_REASON) String failureReason,
        @Field(CREATED_ON) Instant createdOn,
        @Field(TRACE_PARENT) String traceParent) {

    public static final String COLLECTION = "deliveries";
    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** The {@link #failureReason} of the deliveries of a removed endpoint. */
    public static final String ENDPOINT_REMOVED = "endpoint_removed";

    static final String ENDPOINT_ID = "endpoint_id";
    static final String MERCHANT_ID = "merchant_id";
    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String BODY = "body";
    static final String STATUS = "status";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT_ON = "next_attempt_on";
    static final String FAILURE_REASON = "failure_reason";
    static final String CREATED_ON = "created_on";
    static final String TRACE_PARENT = "trace_parent";

    public Delivery {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A new delivery, due at once. */
    static Delivery due(String id, WebhookEndpoint endpoint, PaymentEvent event, String body, Instant now) {
        return new Delivery(id, endpoint.id(), endpoint.merchantId(), event.id(), event.type().wireName(), body,
                PENDING, List.of(), now, null, now, event.traceParent());
    }

    /** Where an attempt leaves the delivery. */
    record Outcome(String status, Instant nextAttemptOn) {
    }

    /**
     * A pending delivery follows the schedule; one already settled got this attempt because the merchant asked for
     * it (redeliver), and the attempt alone settles it again, with no retries.
     */
    Outcome after(DeliveryAttempt attempt, RetrySchedule schedule) {
        if (attempt.succeeded()) {
            return new Outcome(SUCCEEDED, null);
        }
        if (!PENDING.equals(status)) {
            return new Outcome(FAILED, null);
        }
        return schedule.after(attempts.size() + 1)
                .map(wait -> new Outcome(PENDING, attempt.attemptedOn().plus(wait)))
                .orElseGet(() -> new Outcome(FAILED, null));
    }
}
