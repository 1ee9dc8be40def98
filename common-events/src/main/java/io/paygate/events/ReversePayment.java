package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from payment-service to an acquirer adapter: undo at the bank whatever authorisation it may hold for one
 * payment that the gateway declined without the bank's answer (it timed out, or an answer to a re-sent command may
 * hide an approval of an earlier one). The adapter calls the bank's reversal with the payment id as the key; the bank
 * answering that there is nothing to reverse counts as done, so the command is safe to repeat.
 *
 * @param paymentId          the payment, the bank's idempotency key of its authorisation and the message id
 * @param merchantId         the gateway's merchant id
 * @param acquirerMerchantId the merchant's id at the acquirer
 * @param amount             amount in minor units of {@code currency}, as authorised
 * @param currency           ISO 4217 code
 * @param reason             why the gateway declined the payment, e.g. {@link ResponseCode#RESPONSE_TOO_LATE}
 * @param requestedOn        when the gateway first owed the reversal
 */
public record ReversePayment(
        String paymentId,
        String merchantId,
        String acquirerMerchantId,
        long amount,
        String currency,
        ResponseCode reason,
        Instant requestedOn) {

    public static final String TYPE = "ReversePayment";
    public static final int VERSION = 1;

    public ReversePayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedOn, "requestedOn");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
