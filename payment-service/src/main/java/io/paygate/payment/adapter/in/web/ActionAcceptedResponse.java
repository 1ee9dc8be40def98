package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.application.AcceptedAction;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a capture, void or refund request: {@code 202}, the action is on its way to the bank. */
@Schema(name = "ActionAccepted", description = "The action taken on; GET /payments/{id}/actions shows the bank's "
        + "answer once it comes.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"action_id", "reference", "_links"})
record ActionAcceptedResponse(
        @JsonProperty("action_id")
        @Schema(description = "The action's id.", example = "act_y3oqhf46pyzuxjbcn2giaqnb44") String actionId,
        @Schema(description = "Your reference for the action, when you sent one.", example = "SHIP-5023-1")
        String reference,
        @JsonProperty("_links") @Schema(description = "Where to follow the payment.") Links links) {

    static ActionAcceptedResponse of(AcceptedAction accepted) {
        return new ActionAcceptedResponse(accepted.action().id().value(), accepted.action().reference(),
                new Links(new PaymentView.Link(PaymentController.PATH + "/" + accepted.payment().id().value())));
    }

    @Schema(name = "ActionAcceptedLinks", description = "Links from an accepted action.")
    record Links(@Schema(description = "The payment the action is on.") PaymentView.Link payment) {
    }
}
