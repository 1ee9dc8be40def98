package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.domain.Balances;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answer to {@code GET /payments/{id}}: the payment response plus what the merchant sent with the request. */
@Schema(name = "PaymentDetails", description = "A payment with the details of its request, as it stands now.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "requested_on", "amount", "currency", "approved", "status", "auth_code",
        "response_code", "response_summary", "reference", "description", "metadata", "processed_on", "processing",
        "balances", "actions", "source", "_links"})
record PaymentDetailsResponse(Payment payment) implements PaymentView {

    static PaymentDetailsResponse of(Payment payment) {
        return new PaymentDetailsResponse(payment);
    }

    @JsonProperty("requested_on")
    @Schema(description = "When the merchant requested the payment (ISO-8601, UTC).",
            example = "2030-01-31T10:15:30.045Z")
    Instant requestedOn() {
        return payment.requestedOn();
    }

    @JsonProperty("description")
    @Schema(description = "The description, when the merchant sent one.", example = "Two books")
    String description() {
        return payment.description();
    }

    @JsonProperty("balances")
    @Schema(description = "What the payment's money stands at.")
    BalancesResponse balances() {
        return BalancesResponse.of(payment.balances());
    }

    @JsonProperty("actions")
    @Schema(description = "Its actions in short, newest first; GET /payments/{id}/actions has them in full.")
    List<ActionSummary> actions() {
        return ActionResponse.of(payment).stream().map(ActionSummary::of).toList();
    }

    @JsonProperty("metadata")
    @Schema(description = "The merchant's own key-value data, as sent; absent when none was sent.",
            example = "{\"order_id\": \"5023\"}")
    Map<String, Object> metadata() {
        return payment.metadata().isEmpty() ? null : payment.metadata();
    }

    @Schema(name = "PaymentBalances", description = "A payment's money, in minor units. The available amounts already "
            + "set aside what pending actions take.")
    @JsonPropertyOrder({"total_authorized", "total_voided", "available_to_void", "total_captured",
            "available_to_capture", "total_refunded", "available_to_refund"})
    record BalancesResponse(
            @JsonProperty("total_authorized") @Schema(description = "Authorised.", example = "1050")
            long totalAuthorized,
            @JsonProperty("total_voided") @Schema(description = "Released by a void.", example = "0")
            long totalVoided,
            @JsonProperty("available_to_void") @Schema(description = "What a void would release now.", example = "0")
            long availableToVoid,
            @JsonProperty("total_captured") @Schema(description = "Captured.", example = "1050") long totalCaptured,
            @JsonProperty("available_to_capture") @Schema(description = "What can still be captured.", example = "0")
            long availableToCapture,
            @JsonProperty("total_refunded") @Schema(description = "Refunded.", example = "500") long totalRefunded,
            @JsonProperty("available_to_refund") @Schema(description = "What can still be refunded.", example = "550")
            long availableToRefund) {

        static BalancesResponse of(Balances balances) {
            return new BalancesResponse(balances.totalAuthorized(), balances.totalVoided(),
                    balances.availableToVoid(), balances.totalCaptured(), balances.availableToCapture(),
                    balances.totalRefunded(), balances.availableToRefund());
        }
    }

    @Schema(name = "PaymentActionSummary", description = "One action in short.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "type", "response_code", "response_summary"})
    record ActionSummary(
            @Schema(description = "The action's id.", example = "act_h45qukqxbhgu3jfwjdrxkwzxuu") String id,
            @Schema(description = "What it did.", example = "Capture",
                    allowableValues = {"Authorization", "Capture", "Void", "Refund"}) String type,
            @JsonProperty("response_code") @Schema(description = "Its outcome; absent while pending.",
                    example = "10000") String responseCode,
            @JsonProperty("response_summary") @Schema(description = "Its outcome in words; absent while pending.",
                    example = "Approved") String responseSummary) {

        static ActionSummary of(ActionResponse action) {
            return new ActionSummary(action.id(), action.type(), action.responseCode(), action.responseSummary());
        }
    }
}
