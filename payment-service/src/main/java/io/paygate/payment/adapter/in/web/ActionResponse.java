package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.events.ResponseCode;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One action of a payment, as {@code GET /payments/{id}/actions} lists it. */
@Schema(name = "PaymentAction", description = "One thing done to the payment at the bank.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "type", "processed_on", "amount", "approved", "auth_code", "response_code",
        "response_summary", "reference", "metadata", "processing"})
record ActionResponse(
        @Schema(description = "The action's id.", example = "act_y3oqhf46pyzuxjbcn2giaqnb44") String id,
        @Schema(description = "What the action did.", example = "Capture",
                allowableValues = {"Authorization", "Capture", "Void", "Refund"}) String type,
        @JsonProperty("processed_on")
        @Schema(description = "When the bank's answer came (ISO-8601, UTC); absent while pending.",
                example = "2030-01-31T10:15:31.412Z") Instant processedOn,
        @Schema(description = "Minor units the action moved, or asks to move.", example = "1050") long amount,
        @Schema(description = "Whether the bank approved it; absent while pending.", example = "true")
        Boolean approved,
        @JsonProperty("auth_code")
        @Schema(description = "The bank's authorisation code, for an approved authorisation.", example = "770687")
        String authCode,
        @JsonProperty("response_code")
        @Schema(description = "The outcome: 10000 approved; for an action, 20012 not allowed in the "
                + "authorisation's state, 20013 more than its balance, 20025 unknown to the bank, 20068 no answer "
                + "before the action's deadline. Absent while pending.", example = "10000") String responseCode,
        @JsonProperty("response_summary")
        @Schema(description = "The outcome in words. Absent while pending.", example = "Approved")
        String responseSummary,
        @Schema(description = "Your reference: the payment's for the authorisation, the action's own otherwise.",
                example = "SHIP-5023-1") String reference,
        @Schema(description = "Your key-value data, as sent with the payment or the action.",
                example = "{\"shipment\": \"1\"}") Map<String, Object> metadata,
        @Schema(description = "Which acquirer did it, and the bank's reference of it.")
        PaymentView.ProcessingResponse processing) {

    /** The payment's actions, newest first; the authorisation is the oldest. */
    static List<ActionResponse> of(Payment payment) {
        List<ActionResponse> actions = new ArrayList<>();
        String acquirer = payment.route().current().acquirer();
        payment.actions().reversed().forEach(action -> actions.add(of(action, acquirer)));
        ResponseCode code = payment.responseCode();
        actions.add(new ActionResponse(payment.actionId().value(), "Authorization", payment.processedOn(),
                payment.amount().amount(), code == null ? null : code.approved(), payment.authCode(),
                code == null ? null : code.code(), code == null ? null : code.summary(), payment.reference(),
                payment.metadata().isEmpty() ? null : payment.metadata(),
                code == null ? null : new PaymentView.ProcessingResponse(acquirer, payment.acquirerReference())));
        return actions;
    }

    private static ActionResponse of(PaymentAction action, String acquirer) {
        ResponseCode code = action.responseCode();
        return new ActionResponse(action.id().value(), action.type().label(), action.processedOn(), action.amount(),
                code == null ? null : code.approved(), null, code == null ? null : code.code(),
                code == null ? null : code.summary(), action.reference(),
                action.metadata().isEmpty() ? null : action.metadata(),
                code == null ? null : new PaymentView.ProcessingResponse(acquirer, action.acquirerReference()));
    }
}
