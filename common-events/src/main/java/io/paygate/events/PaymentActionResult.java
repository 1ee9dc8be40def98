package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Event from an acquirer adapter: the bank's answer to one {@link PaymentActionCommand}. Published to
 * {@link Topology#AUTHORIZATION_RESULTS_EXCHANGE} under {@link Topology#ACTION_RESULTS_ROUTING_KEY}, for any
 * payment-service instance: nobody waits for it.
 *
 * @param actionId          the action the answer is for
 * @param paymentId         its payment
 * @param acquirer          the code of the acquirer that answered
 * @param type              the action's type, as the command said
 * @param responseCode      {@link ResponseCode#APPROVED}, or why the bank refused: {@link ResponseCode#INVALID_AMOUNT}
 *                          (more than the balance allows), {@link ResponseCode#INVALID_TRANSACTION} (not in the
 *                          authorisation's state, e.g. a capture after a void), {@link ResponseCode#NO_ORIGINAL}
 *                          (the bank holds no approved authorisation under the payment id)
 * @param acquirerReference the bank's reference of the action, when it gives one
 * @param processedOn       when the adapter received the answer
 */
public record PaymentActionResult(
        String actionId,
        String paymentId,
        String acquirer,
        ActionType type,
        ResponseCode responseCode,
        String acquirerReference,
        Instant processedOn) {

    public static final String TYPE = "PaymentActionResult";
    public static final int VERSION = 1;

    public PaymentActionResult {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(acquirer, "acquirer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(processedOn, "processedOn");
    }

    public boolean approved() {
        return responseCode.approved();
    }
}
