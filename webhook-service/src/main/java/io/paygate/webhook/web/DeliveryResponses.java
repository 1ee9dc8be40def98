package io.paygate.webhook.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.webhook.delivery.Delivery;
import io.paygate.webhook.delivery.DeliveryAttempt;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The delivery log's answers. */
final class DeliveryResponses {

    static final String ID = "The delivery's id.";
    static final String ID_EXAMPLE = "dlv_2c7kq5mzq3xbfpyzj6u4ozwy3a";
    static final String EVENT_ID = "The event's id, the same in every delivery of the event and in its body.";
    static final String EVENT_ID_EXAMPLE = "evt_az3mqxvq5p4edf4xfu2wbr7mzu";
    static final String EVENT_TYPE = "The event's type.";
    static final String STATUS = "pending while attempts remain (or while the endpoint is paused: held, without "
            + "next_attempt_on); succeeded once an attempt got a 2xx answer; failed when the retry schedule is spent, "
            + "or when a redelivery of a settled delivery failed.";
    static final String ATTEMPTS = "Every attempt, oldest first.";
    static final String NEXT_ATTEMPT_ON = "When the next attempt is due; absent once the delivery is settled, and "
            + "while its endpoint is paused.";
    static final String CREATED_ON = "When the event was recorded for the endpoint.";
    static final String TIME_EXAMPLE = "2026-12-05T04:15:30.123Z";

    private DeliveryResponses() {
    }

    @Schema(name = "WebhookDeliveries", description = "A page of an endpoint's deliveries, newest first.")
    @JsonPropertyOrder({"limit", "skip", "data"})
    record Page(
            @Schema(description = "The most deliveries on the page.", example = "20") int limit,
            @Schema(description = "The deliveries skipped before this page.", example = "0") int skip,
            @Schema(description = "The deliveries.") List<Summary> data) {
    }

    @Schema(name = "WebhookDelivery", description = "One event's delivery to an endpoint, and its attempts.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "event_id", "event_type", "status", "attempts", "next_attempt_on", "created_on"})
    record Summary(
            @Schema(description = ID, example = ID_EXAMPLE) String id,
            @JsonProperty("event_id") @Schema(description = EVENT_ID, example = EVENT_ID_EXAMPLE) String eventId,
            @JsonProperty("event_type") @Schema(description = EVENT_TYPE, example = "payment_captured")
            String eventType,
            @Schema(description = STATUS, example = "pending", allowableValues = {"pending", "succeeded", "failed"})
            String status,
            @Schema(description = ATTEMPTS) List<Attempt> attempts,
            @JsonProperty("next_attempt_on") @Schema(description = NEXT_ATTEMPT_ON, example = TIME_EXAMPLE)
            Instant nextAttemptOn,
            @JsonProperty("created_on") @Schema(description = CREATED_ON, example = TIME_EXAMPLE) Instant createdOn) {

        static Summary of(Delivery delivery) {
            return new Summary(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status(),
                    Attempt.of(delivery.attempts()), delivery.nextAttemptOn(), delivery.createdOn());
        }
    }

    @Schema(name = "WebhookDeliveryDetails", description = "One event's delivery to an endpoint, its attempts and the "
            + "body every attempt sends.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "event_id", "event_type", "status", "attempts", "next_attempt_on", "created_on", "body"})
    record Details(
            @Schema(description = ID, example = ID_EXAMPLE) String id,
            @JsonProperty("event_id") @Schema(description = EVENT_ID, example = EVENT_ID_EXAMPLE) String eventId,
            @JsonProperty("event_type") @Schema(description = EVENT_TYPE, example = "payment_captured")
            String eventType,
            @Schema(description = STATUS, example = "succeeded", allowableValues = {"pending", "succeeded", "failed"})
            String status,
            @Schema(description = ATTEMPTS) List<Attempt> attempts,
            @JsonProperty("next_attempt_on") @Schema(description = NEXT_ATTEMPT_ON, example = TIME_EXAMPLE)
            Instant nextAttemptOn,
            @JsonProperty("created_on") @Schema(description = CREATED_ON, example = TIME_EXAMPLE) Instant createdOn,
            @Schema(description = "The exact JSON text every attempt POSTs, whose HMAC-SHA256 under the endpoint's "
                    + "signing secret is the Cko-Signature header.",
                    example = "{\"id\":\"evt_az3mqxvq5p4edf4xfu2wbr7mzu\",\"type\":\"payment_captured\",...}")
            String body) {

        static Details of(Delivery delivery) {
            return new Details(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status(),
                    Attempt.of(delivery.attempts()), delivery.nextAttemptOn(), delivery.createdOn(), delivery.body());
        }
    }

    @Schema(name = "WebhookDeliveryAttempt", description = "One POST of the event to the endpoint.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"attempted_on", "status_code", "latency_ms", "error"})
    record Attempt(
            @JsonProperty("attempted_on") @Schema(description = "When the attempt started.", example = TIME_EXAMPLE)
            Instant attemptedOn,
            @JsonProperty("status_code") @Schema(description = "The endpoint's HTTP status; absent when it gave none.",
                    example = "200") Integer statusCode,
            @JsonProperty("latency_ms") @Schema(description = "Milliseconds from the start to the answer or the "
                    + "failure.", example = "84") long latencyMs,
            @Schema(description = "Why the attempt failed: http_<status> for an answer other than 2xx (a redirect is "
                    + "not followed), timeout, connection_refused, connection_error, unknown_host, address_refused "
                    + "(the host resolves to a loopback, private or otherwise non-public address), "
                    + "signing_secret_unavailable; absent for a 2xx.", example = "http_503") String error) {

        static List<Attempt> of(List<DeliveryAttempt> attempts) {
            return attempts.stream().map(attempt -> new Attempt(attempt.attemptedOn(), attempt.statusCode(),
                    attempt.latencyMs(), attempt.error())).toList();
        }
    }
}
