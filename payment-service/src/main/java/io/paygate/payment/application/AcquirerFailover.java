package io.paygate.payment.application;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves a payment to the next acquirer of its route when the one that has it certainly did not authorise it, and
 * undoes any approval from an acquirer that no longer has it.
 * <p>
 * A payment fails over only on an adapter's word that its bank never received the request (its circuit breaker was
 * open, the connection was refused): never after a timeout or an ambiguous answer, when the first bank may hold an
 * approval. The move is one conditional write, from the acquirer the answer came from, so of several copies of the
 * answer one moves it; from then on only the new acquirer's answer can decide the payment.
 * <p>
 * The old acquirer can still approve: a copy of the command the sweeper re-sent, or a redelivered one, may reach its
 * bank once it is back. Such an approval never decides the payment; the old acquirer is asked at once to reverse it,
 * so that no payment stays approved at two banks.
 */
public class AcquirerFailover {

    private static final Logger log = LoggerFactory.getLogger(AcquirerFailover.class);

    private final PaymentStore store;
    private final AuthorizationPublisher publisher;
    private final BankReversals reversals;
    private final AuthorizationWaiters waiters;
    private final Clock clock;
    private final RecoveryPolicy policy;
    private final Duration confirmWithin;

    public AcquirerFailover(PaymentStore store, AuthorizationPublisher publisher, BankReversals reversals,
                            AuthorizationWaiters waiters, Clock clock, RecoveryPolicy policy, Duration confirmWithin) {
        this.store = store;
        this.publisher = publisher;
        this.reversals = reversals;
        this.waiters = waiters;
        this.clock = clock;
        this.policy = policy;
        this.confirmWithin = confirmWithin;
    }

    /**
     * Sends the payment to its next acquirer, if the result says its bank never got the request and the route names
     * one more.
     *
     * @return whether the result is dealt with: the payment moved on, or another copy of the result moved it
     *         meanwhile; {@code false} when the result is to decide the payment
     */
    public boolean moveOn(PaymentId id, AuthorizationResult result) {
        if (!result.notSentToBank() || result.acquirer() == null) {
            return false;
        }
        Optional<OwedWork> work = store.findOwedWork(id);
        if (work.isEmpty()) {
            return false;
        }
        Payment read = work.get().payment();
        Optional<Payment> redirected = read.failOver(result.acquirer(), clock.instant(), policy);
        if (redirected.isEmpty()) {
            return false;
        }
        if (!store.update(read, redirected.get())) {
            log.debug("Payment {} moved on, or was decided, before this copy of {}'s answer", id, result.acquirer());
            return true;
        }
        Payment moved = redirected.get();
        log.info("Payment {} goes to acquirer {}: acquirer {} never sent it to its bank", id,
                moved.route().current().acquirer(), result.acquirer());
        waiters.redirected(moved);
        OwedWork next = new OwedWork(moved, work.get().card(), work.get().replyTo());
        Publication publication = publisher.publish(next.command(moved.finalDeadline(policy)), confirmWithin);
        if (publication != Publication.CONFIRMED) {
            // The command is owed all the same: the sweeper sends it.
            store.update(moved, moved.commandUnconfirmed(clock.instant(), policy));
        }
        return true;
    }

    /**
     * Asks an acquirer that no longer has the payment to reverse the approval it gave.
     *
     * @return whether the approval came from such an acquirer
     * @throws IllegalStateException when the broker did not take the reversal, so that the result is delivered again
     */
    public boolean reverseStrayApproval(Payment payment, AuthorizationResult result) {
        if (!result.approved() || result.acquirer() == null
                || result.acquirer().equals(payment.route().current().acquirer())) {
            return false;
        }
        AcquirerRouting stray = payment.route().find(result.acquirer()).orElseGet(
                () -> new AcquirerRouting(result.acquirer(), null));
        log.warn("Acquirer {} approved payment {}, which is with acquirer {}: asking {} to reverse it", stray.acquirer(),
                payment.id(), payment.route().current().acquirer(), stray.acquirer());
        ReversalRequest reversal = new ReversalRequest(payment.id(), payment.merchantId(), stray, payment.amount(),
                ResponseCode.ISSUER_UNAVAILABLE, clock.instant());
        Publication publication = reversals.requestReversal(reversal, confirmWithin);
        if (publication != Publication.CONFIRMED) {
            throw new IllegalStateException("The reversal of payment " + payment.id() + " at acquirer "
                    + stray.acquirer() + " was not taken by the broker: " + publication);
        }
        return true;
    }
}
