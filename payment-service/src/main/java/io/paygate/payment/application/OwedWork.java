package io.paygate.payment.application;

import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Obligation;
import io.paygate.payment.domain.Payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment that owes work, as the store held it when it was read, with what its outbox keeps for doing that work.
 *
 * @param card    the sealed card of the authorisation command; {@code null} once the payment is decided
 * @param replyTo where the acquirer answers the command
 */
public record OwedWork(Payment payment, CardEnvelope card, String replyTo) {

    public OwedWork {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(payment.owed(), "owed");
    }

    /** The acquirer that has the payment's command, and to which a reversal is owed. */
    public AcquirerRouting routing() {
        return payment.route().current();
    }

    public Obligation owed() {
        return payment.owed();
    }

    /**
     * The command to send again; only while the payment is pending, which is while the outbox still has the card.
     *
     * @param expiresAt the payment's final deadline, see {@link AuthorizationRequest#expiresAt()}
     */
    public AuthorizationRequest command(Instant expiresAt) {
        return new AuthorizationRequest(payment.id(), payment.merchantId(), routing(), payment.amount(), card,
                payment.requestedOn(), replyTo, expiresAt);
    }
}
