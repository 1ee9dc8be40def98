package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.paygate.acquirer.support.domain.PaymentActionRequest;

/**
 * Body of the Piggy Bank's {@code POST /payments/{key}/captures} ({@code {"amount": 500, "final": false}}) and
 * {@code POST /payments/{key}/refunds} ({@code {"amount": 500}}); a void takes none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PiggyBankActionRequest(@JsonProperty("amount") long amount, @JsonProperty("final") Boolean finalCapture) {

    static PiggyBankActionRequest capture(PaymentActionRequest action) {
        return new PiggyBankActionRequest(action.amount(), action.finalCapture());
    }

    static PiggyBankActionRequest refund(PaymentActionRequest action) {
        return new PiggyBankActionRequest(action.amount(), null);
    }
}
