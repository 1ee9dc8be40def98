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
@Schema(name = "PaymentDetails", description = "A payment with the details of its request, as it stands now.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "requested_on", "amount", "currency", "approved", "status", "auth_code",
        "response_code", "response_summary", "reference", "description", "metadata", "processed_on", "source",
        "_links"})
record PaymentDetailsResponse(
        @Schema(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4") String id,
        @JsonProperty("action_id")
        @Schema(description = "The id of the authorisation action.", example = "act_mbabizu24mvu3mela5njyhpit4")
        String actionId,
        @JsonProperty("requested_on")
        @Schema(description = "When the merchant requested the payment (ISO-8601, UTC).",
                example = "2030-01-31T10:15:30.045Z")
        Instant requestedOn,
        @Schema(description = "The amount in the minor unit of the currency, as requested.", example = "1050")
        long amount,
        @Schema(description = "ISO 4217 currency code.", example = "GBP") String currency,
        @Schema(description = "Whether the bank authorised the payment.", example = "true") boolean approved,
        @Schema(description = "Pending until the bank answers, then Authorized or Declined.", example = "Authorized",
                allowableValues = {"Pending", "Authorized", "Declined"})
        String status,
        @JsonProperty("auth_code")
        @Schema(description = "The bank's authorisation code, when authorised.", example = "770687")
        String authCode,
        @JsonProperty("response_code")
        @Schema(description = "The outcome: 10000 approved; 20005, 20051, 20054, 20068, 20091 declined. "
                + "Absent while pending.", example = "10000")
        String responseCode,
        @JsonProperty("response_summary")
        @Schema(description = "The outcome in words. Absent while pending.", example = "Approved")
        String responseSummary,
        @Schema(description = "The merchant's reference, when it sent one.", example = "ORD-5023") String reference,
        @Schema(description = "The description, when the merchant sent one.", example = "Two books")
        String description,
        @Schema(description = "The merchant's own key-value data, as sent; absent when none was sent.",
                example = "{\"order_id\": \"5023\"}")
        Map<String, Object> metadata,
        @JsonProperty("processed_on")
        @Schema(description = "When the bank's answer was received (ISO-8601, UTC). Absent while pending.",
                example = "2030-01-31T10:15:30.123Z")
        Instant processedOn,
        @Schema(description = "The card that paid.") CardSourceResponse source,
        @JsonProperty("_links") @Schema(description = "Where to read the payment again.") Links links) {

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
