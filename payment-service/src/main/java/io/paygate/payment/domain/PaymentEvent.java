package io.paygate.payment.domain;

import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Something that happened to a payment that its merchant is told of: made by the change that made it happen
 * ({@link Payment#eventsSince}) and stored in the same write, so that no change can be kept without its events.
 * Its id is drawn from what it reports, so an event made twice (by a change decided again) is recognisably the same.
 *
 * @param actionId     the action it reports: the authorisation's, or a capture's, void's or refund's
 * @param amount       minor units that action moves
 * @param responseCode the answer it reports; {@code null} for a payment still pending
 * @param processedOn  when that answer came; {@code null} for a payment still pending
 * @param balances     the payment's balances once the change was made
 */
public record PaymentEvent(String id, PaymentEventType type, Instant createdOn, ActionId actionId, long amount,
                           ResponseCode responseCode, Instant processedOn, Balances balances) {

    private static final String PREFIX = "evt_";

    public PaymentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdOn, "createdOn");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(balances, "balances");
        createdOn = createdOn.truncatedTo(ChronoUnit.MILLIS);
        processedOn = processedOn == null ? null : processedOn.truncatedTo(ChronoUnit.MILLIS);
    }

    static PaymentEvent of(PaymentId payment, PaymentEventType type, Instant createdOn, ActionId actionId,
                           long amount, ResponseCode responseCode, Instant processedOn, Balances balances) {
        String id = RandomIdentifier.derived(PREFIX, payment.value() + '/' + actionId.value() + '/' + type.wireName());
        return new PaymentEvent(id, type, createdOn, actionId, amount, responseCode, processedOn, balances);
    }
}
