package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends an action's command once the payment that owes it is stored: the store has it first, so whatever happens
 * to this send, the {@link PaymentSweeper} sends it again until the bank answers or its deadline passes. A send the
 * broker did not confirm makes the command due again soon rather than after the wait for an answer.
 */
public class ActionSender {

    private static final Logger log = LoggerFactory.getLogger(ActionSender.class);

    private final PaymentStore store;
    private final ActionPublisher publisher;
    private final Clock clock;
    private final RecoveryPolicy policy;
    private final Duration confirmWithin;

    public ActionSender(PaymentStore store, ActionPublisher publisher, Clock clock, RecoveryPolicy policy,
                        Duration confirmWithin) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.policy = policy;
        this.confirmWithin = confirmWithin;
    }

    /** Sends the action that writing {@code written} over {@code before} made due, if it made one due. */
    public void sendIfDue(Payment before, Payment written) {
        written.actionToSend(before).ifPresent(action -> send(written, action));
    }

    /**
     * Sends the action that {@code owing}, as stored, owes.
     *
     * @return what became of the command
     */
    public Publication send(Payment owing, PaymentAction action) {
        Publication publication = publisher.publish(owing, action, action.deadline(policy), confirmWithin);
        if (publication != Publication.CONFIRMED) {
            log.warn("{} {} of payment {} to acquirer {} was not confirmed ({}); sending it again soon",
                    action.type().label(), action.id(), owing.id(), owing.route().current().acquirer(), publication);
            store.update(owing, owing.actionUnconfirmed(clock.instant(), policy));
        }
        return publication;
    }
}
