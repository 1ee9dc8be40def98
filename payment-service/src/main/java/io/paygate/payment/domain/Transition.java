package io.paygate.payment.domain;

import java.util.Objects;

/**
 * A change of a payment's state as the domain decided it, together with the state it was decided from. The store
 * writes it only if the payment is still in that state: of racing changes exactly one applies, and a repeated one
 * changes nothing.
 *
 * @param owed what the payment owes once the change is made; {@code null} for nothing
 */
public record Transition(PaymentStatus from, PaymentStatus to, Decision decision, Obligation owed) {

    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * How a decision ends a pending payment. It depends on the decision alone, so it can be written without reading
     * the payment first: almost every answer finds its payment pending.
     */
    public static Transition deciding(Decision decision) {
        PaymentStatus to = decision.responseCode().approved() ? PaymentStatus.AUTHORIZED : PaymentStatus.DECLINED;
        Obligation owed = decision.owesReversal()
                ? new Obligation(Obligation.Kind.REVERSAL, decision.decidedOn(), 0)
                : null;
        return new Transition(PaymentStatus.PENDING, to, decision, owed);
    }
}
