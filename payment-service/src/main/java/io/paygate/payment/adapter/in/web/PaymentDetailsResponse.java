package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.adapter.in.web.PaymentResponse.CardSourceResponse;
import io.paygate.payment.adapter.in.web.PaymentResponse.Links;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The answer to {@code GET /payments/{id}}: the payment response plus what the merchant sent with the request. */
@Schema(name = "PaymentDetails", description = "A payment with the details of its request.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "requested_on", "amount", "currency", "approved", "status", "auth_code",
        "response_code", "response_summary", "reference", "description", "metadata", "processed_on", "source",
        "_links"})
record PaymentDetailsResponse(
        @Schema(example = "pay_mbabizu24mvu3mela5njyhpit4") String id,
        @JsonProperty("action_id") @Schema(example = "act_mbabizu24mvu3mela5njyhpit4") String actionId,
        @JsonProperty("requested_on")
        @Schema(description = "When the merchant requested the payment (ISO-8601, UTC).",
                example = "2030-01-31T10:15:30.045Z")
        Instant requestedOn,
        @Schema(example = "1050") long amount,
        @Schema(example = "GBP") String currency,
        @Schema(example = "true") boolean approved,
        @Schema(example = "Authorized", allowableValues = {"Pending", "Authorized", "Declined"}) String status,
        @JsonProperty("auth_code") @Schema(example = "770687") String authCode,
        @JsonProperty("response_code") @Schema(example = "10000") String responseCode,
        @JsonProperty("response_summary") @Schema(example = "Approved") String responseSummary,
        @Schema(example = "ORD-5023") String reference,
        @Schema(example = "Two books") String description,
        @Schema(example = "{\"order_id\": \"5023\"}") Map<String, Object> metadata,
        @JsonProperty("processed_on") @Schema(example = "2030-01-31T10:15:30.123Z") Instant processedOn,
        CardSourceResponse source,
        @JsonProperty("_links") Links links) {

    static PaymentDetailsResponse of(Payment payment) {
        return new PaymentDetailsResponse(
                payment.id().value(),
                payment.actionId().value(),
                payment.requestedOn(),
                payment.amount().amount(),
                payment.amount().currency(),
                payment.approved(),
                payment.status().label(),
                payment.authCode(),
                payment.responseCode() == null ? null : payment.responseCode().code(),
                payment.responseCode() == null ? null : payment.responseCode().summary(),
                payment.reference(),
                payment.description(),
                payment.metadata().isEmpty() ? null : payment.metadata(),
                payment.processedOn(),
                CardSourceResponse.of(payment.card()),
                Links.of(payment));
    }
}
