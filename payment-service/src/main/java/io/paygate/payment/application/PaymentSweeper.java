package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finishes what the request path could not. Every payment that owes work carries the time it falls due, and each
 * {@link #sweep() sweep} takes the longest overdue ones and does what the payment owes:
 * <ul>
 *     <li>pending before its final deadline: sends its command again (the bank's idempotency key, the payment id,
 *         makes a repeat safe), each time waiting twice as long, sooner when the broker did not take it;</li>
 *     <li>pending at its final deadline: declines it {@code 20068} with the same conditional write as an answer;
 *         the payment then owes the bank a reversal;</li>
 *     <li>declined and owing a reversal: hands it to the acquirer, again with backoff until the broker confirms;</li>
 *     <li>owing an action's command (a capture, void or refund) before the action's deadline: sends it (again), the
 *         action id being the bank's idempotency key, each time waiting twice as long; at its deadline: records the
 *         action declined {@code 20068}, which leaves the payment as it was, and goes on with the next;</li>
 *     <li>an authorisation nobody captured within its lifetime: voids what is left of it.</li>
 * </ul>
 * It also publishes again the payment events nobody removed from their outbox in time
 * ({@link PaymentEventRelay#republishOverdue}), and frees the idempotency keys whose time to live is over, with the
 * fingerprints of their requests.
 * The payment decides every step ({@link Payment#commandResent}, {@link Payment#timeOut}, ...); this class only asks
 * it, claims the work and hands messages to the broker. Any number of instances sweep the same store. Each item is
 * first claimed ({@link PaymentStore#update}), a conditional write that exactly one of them wins, so no two
 * instances act on one payment at the same moment; should they still act twice (a claimant stalled past its claim), a
 * repeat is harmless: commands and reversals are idempotent at the bank, and transitions are conditional.
 */
public class PaymentSweeper {

    private static final Logger log = LoggerFactory.getLogger(PaymentSweeper.class);

    private final PaymentStore store;
    private final PaymentEventRelay events;
    private final AuthorizationPublisher publisher;
    private final BankReversals reversals;
    private final ActionSender actions;
    private final PaymentActivity activity;
    private final Clock clock;
    private final RecoveryPolicy policy;
    private final Duration confirmWithin;
    private final int batch;
    private volatile boolean claiming = true;

    /**
     * @param confirmWithin how long one publication waits for the broker
     * @param batch         how many items one sweep takes at most
     */
    public PaymentSweeper(PaymentStore store, PaymentEventRelay events, AuthorizationPublisher publisher,
                          BankReversals reversals, ActionSender actions, PaymentActivity activity, Clock clock,
                          RecoveryPolicy policy, Duration confirmWithin, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("A sweep takes at least one item");
        }
        this.store = store;
        this.events = events;
        this.publisher = publisher;
        this.reversals = reversals;
        this.actions = actions;
        this.activity = activity;
        this.clock = clock;
        this.policy = policy;
        this.confirmWithin = confirmWithin;
        this.batch = batch;
    }

    /**
     * Works through one batch of due items. Stops early when the broker does not answer, as every other item would
     * then wait for it too, or when {@link #stopClaiming()} was called.
     *
     * @return how many items this sweeper acted on
     */
    public int sweep() {
        int acted = 0;
        Instant now = clock.instant();
        List<OwedWork> due = store.findDue(now, batch);
        activity.due(now, due);
        for (OwedWork work : due) {
            if (!claiming) {
                break;
            }
            Step step = handle(work);
            if (step != Step.SKIPPED) {
                acted++;
            }
            if (step == Step.BROKER_SILENT) {
                log.warn("The broker does not confirm; the sweep stops until its next round");
                break;
            }
        }
        if (claiming) {
            acted += events.republishOverdue(batch);
        }
        if (claiming) {
            acted += store.releaseExpiredIdempotencyKeys(clock.instant(), batch);
        }
        return acted;
    }

    /** Takes no more work, for a shutdown: what is claimed and not done falls due again, for another instance. */
    public void stopClaiming() {
        claiming = false;
    }

    private enum Step { DONE, SKIPPED, BROKER_SILENT }

    private Step handle(OwedWork work) {
        Instant now = clock.instant();
        return switch (work.owed().kind()) {
            case AUTHORIZATION -> work.payment().pastFinalDeadline(now, policy)
                    ? timeOut(work, now)
                    : resendCommand(work, now);
            case REVERSAL -> requestReversal(work, now);
            case ACTION -> now.isBefore(work.payment().owedAction().deadline(policy))
                    ? sendAction(work.payment(), now)
                    : change(work.payment(), work.payment().timeOutAction(now, policy));
            case EXPIRY -> change(work.payment(), work.payment().expire(now, policy));
        };
    }

    private Step sendAction(Payment read, Instant now) {
        Payment claimed = read.actionSent(now, policy);
        if (!store.update(read, claimed)) {
            return Step.SKIPPED;
        }
        PaymentAction action = claimed.owedAction();
        Publication publication = actions.send(claimed, action);
        log.info("Sent {} {} of payment {} (send {}): {}", action.type().label(), action.id(), read.id(),
                claimed.owed().attempts(), publication);
        return publication == Publication.UNCONFIRMED ? Step.BROKER_SILENT : Step.DONE;
    }

    /** Writes a change the domain made of due work (the write is the claim), then sends the action it made due. */
    private Step change(Payment read, Payment changed) {
        if (!events.write(read, changed)) {
            return Step.SKIPPED;
        }
        log.info("Payment {} owed {} at {}: now {}", read.id(), read.owed().kind(), read.owed().dueAt(),
                changed.status().label());
        actions.sendIfDue(read, changed);
        return Step.DONE;
    }

    private Step resendCommand(OwedWork work, Instant now) {
        Payment read = work.payment();
        Payment claimed = read.commandResent(now, policy);
        if (!events.write(read, claimed)) {
            return Step.SKIPPED;
        }
        Publication publication = publisher.publish(work.command(read.finalDeadline(policy)), confirmWithin);
        log.info("Sent the command of payment {} again (send {}): {}", read.id(), claimed.owed().attempts(),
                publication);
        if (publication == Publication.CONFIRMED) {
            return Step.DONE;
        }
        store.update(claimed, claimed.commandUnconfirmed(clock.instant(), policy));
        return publication == Publication.UNCONFIRMED ? Step.BROKER_SILENT : Step.DONE;
    }

    private Step timeOut(OwedWork work, Instant now) {
        // The conditional write is the claim: of several sweepers, and of a result arriving now, exactly one wins.
        Payment timedOut = work.payment().timeOut(now, policy);
        if (!events.write(work.payment(), timedOut)) {
            return Step.SKIPPED;
        }
        log.warn("Payment {} had no answer within {} after {} command(s): Declined {}; the bank is asked to reverse "
                        + "any approval", work.payment().id(), policy.finalDeadline(), work.owed().attempts(),
                timedOut.responseCode().code());
        return Step.DONE;
    }

    private Step requestReversal(OwedWork work, Instant now) {
        Payment read = work.payment();
        Payment claimed = read.reversalAttempted(now, policy);
        if (!store.update(read, claimed)) {
            return Step.SKIPPED;
        }
        ReversalRequest request = new ReversalRequest(read.id(), read.merchantId(), work.routing(), read.amount(),
                read.responseCode(), read.decidedOn());
        Publication publication = reversals.requestReversal(request, confirmWithin);
        if (publication == Publication.CONFIRMED) {
            store.update(claimed, claimed.reversalRequested(clock.instant()));
            log.info("Reversal of payment {} handed to acquirer {}", read.id(), work.routing().acquirer());
        } else {
            log.warn("Reversal of payment {} to acquirer {} was not confirmed ({}); trying again after {}",
                    read.id(), work.routing().acquirer(), publication, claimed.owed().dueAt());
        }
        return publication == Publication.UNCONFIRMED ? Step.BROKER_SILENT : Step.DONE;
    }
}
