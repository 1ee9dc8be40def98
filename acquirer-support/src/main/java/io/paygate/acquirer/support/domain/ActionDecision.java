package io.paygate.acquirer.support.domain;

import io.paygate.events.ActionType;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.util.Objects;

/** How the bank settled one capture, void or refund, and which gateway result that means. */
public sealed interface ActionDecision {

    /**
     * The bank did it.
     *
     * @param reference the bank's reference of the action, if it gives one
     */
    record Approved(String reference) implements ActionDecision {
    }

    /**
     * The bank refused it, for a reason its adapter maps: {@link ResponseCode#INVALID_AMOUNT} (more than the balance
     * allows), {@link ResponseCode#INVALID_TRANSACTION} (not in the authorisation's state),
     * {@link ResponseCode#NO_ORIGINAL} (no approved authorisation under the payment id).
     */
    record Declined(ResponseCode responseCode) implements ActionDecision {
        public Declined {
            Objects.requireNonNull(responseCode, "responseCode");
            if (responseCode.approved()) {
                throw new IllegalArgumentException("a declined action cannot be " + responseCode);
            }
        }
    }

    /** The result of this decision as the acquirer {@code acquirer} gives it. */
    default PaymentActionResult toResult(String actionId, String paymentId, ActionType type, String acquirer,
                                         Instant processedOn) {
        return switch (this) {
            case Approved approved -> new PaymentActionResult(actionId, paymentId, acquirer, type,
                    ResponseCode.APPROVED, approved.reference(), processedOn);
            case Declined declined -> new PaymentActionResult(actionId, paymentId, acquirer, type,
                    declined.responseCode(), null, processedOn);
        };
    }
}
