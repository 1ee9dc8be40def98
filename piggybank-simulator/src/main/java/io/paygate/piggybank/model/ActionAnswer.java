package io.paygate.piggybank.model;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The bank's decision on a capture, void or refund, the 200 body of its endpoints. Shaped like {@link Authorization}:
 * a decline is an answer too, with an empty reference and the reason.
 *
 * @param actionId      the action's idempotency key, echoed
 * @param reference     the bank's reference for the money moved; empty when declined
 * @param amount        minor units captured or refunded, or released by a void; for a declined void absent
 * @param declineReason why the bank declined (a {@link PaymentBalance} constant); absent when approved
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionAnswer(boolean approved, String actionId, String reference, @Nullable Long amount,
                           @Nullable String declineReason) implements ActionOutcome {

    public static ActionAnswer approved(String actionId, String reference, long amount) {
        return new ActionAnswer(true, actionId, reference, amount, null);
    }

    public static ActionAnswer declined(String actionId, PaymentAction action, String reason) {
        Long amount = action.kind() == PaymentAction.Kind.VOID ? null : action.amount();
        return new ActionAnswer(false, actionId, "", amount, reason);
    }
}
