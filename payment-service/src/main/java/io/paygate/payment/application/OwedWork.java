package io.paygate.payment.application;

import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.domain.Payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment the sweeper owes work, as the store held it when it was read: a command to publish or send again while
 * the payment is pending, or a reversal to request once it is declined.
 *
 * @param dueAt        when the work fell due; also the version a sweeper {@link PaymentStore#claim claims} it by
 * @param card         the sealed card of the outbox command; {@code null} once the payment is decided
 * @param replyTo      where the acquirer answers the command
 * @param commandsSent how many times the command has been sent
 * @param publishedOn  when the broker first confirmed the command; {@code null} while it never has
 * @param reversal     the reversal the payment owes; {@code null} when it owes none
 */
public record OwedWork(Payment payment, Instant dueAt, AcquirerRouting routing, CardEnvelope card, String replyTo,
                       int commandsSent, Instant publishedOn, Reversal reversal) {

    public OwedWork {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(routing, "routing");
    }

    /**
     * The command to send again; only while the payment is pending, which is while the outbox still has the card.
     *
     * @param expiresAt the payment's final deadline, see {@link AuthorizationRequest#expiresAt()}
     */
    public AuthorizationRequest command(Instant expiresAt) {
        return new AuthorizationRequest(payment.id(), payment.merchantId(), routing, payment.amount(), card,
                payment.requestedOn(), replyTo, expiresAt);
    }

    /**
     * @param requestedOn when the reversal became owed
     * @param sent        how many times it has been handed to the broker
     * @param confirmedOn when the broker confirmed it; {@code null} until then
     */
    public record Reversal(Instant requestedOn, int sent, Instant confirmedOn) {
    }
}
