package io.paygate.payment.application;

import io.paygate.payment.application.OwedWork.Reversal;
import io.paygate.payment.application.PaymentStore.Claim;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Payment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Finishes what the request path could not: every payment that owes work carries the time it falls due, and each
 * {@link #sweep() sweep} takes the longest overdue ones and, for each:
 * <ul>
 *     <li>pending, its command never confirmed by the broker: publishes it again;</li>
 *     <li>pending, confirmed, no answer yet: sends it again, each time waiting twice as long (the bank's idempotency
 *         key, the payment id, makes a repeat safe);</li>
 *     <li>pending at its final deadline: declines it {@code 20068} with the same conditional write as an answer, and
 *         owes the bank a reversal;</li>
 *     <li>declined and owing a reversal: hands it to the acquirer, again with backoff until the broker confirms.</li>
 * </ul>
 * Any number of instances sweep the same store. Each item is first {@linkplain PaymentStore#claim claimed}, a
 * conditional write that exactly one of them wins, so no two instances act on one payment at the same moment; should
 * they still act twice (a claimant stalled past its claim), a repeat is harmless: commands and reversals are
 * idempotent at the bank, and transitions are conditional.
 */
public class PaymentSweeper {

    private static final Logger log = LoggerFactory.getLogger(PaymentSweeper.class);

    private final PaymentStore store;
    private final AuthorizationPublisher publisher;
    private final BankReversals reversals;
    private final Clock clock;
    private final Settings settings;
    private volatile boolean claiming = true;

    /**
     * @param republishAfter  how long to wait for a confirm before publishing an unconfirmed command again
     * @param resendAfter     how long to wait for an answer before sending a confirmed command again; doubles after
     *                        each send
     * @param finalDeadline   how long after its request a payment without answer is declined as timed out
     * @param reversalBackoff the wait before requesting a reversal again; doubles after each attempt up to
     *                        {@code reversalBackoffMax}
     * @param confirmWithin   how long one publication waits for the broker
     * @param batch           how many items one sweep takes at most
     */
    public record Settings(Duration republishAfter, Duration resendAfter, Duration finalDeadline,
                           Duration reversalBackoff, Duration reversalBackoffMax, Duration confirmWithin, int batch) {

        public Settings {
            Objects.requireNonNull(republishAfter, "republishAfter");
            Objects.requireNonNull(resendAfter, "resendAfter");
            Objects.requireNonNull(finalDeadline, "finalDeadline");
            Objects.requireNonNull(reversalBackoff, "reversalBackoff");
            Objects.requireNonNull(reversalBackoffMax, "reversalBackoffMax");
            Objects.requireNonNull(confirmWithin, "confirmWithin");
            if (batch < 1) {
                throw new IllegalArgumentException("A sweep takes at least one item");
            }
        }
    }

    public PaymentSweeper(PaymentStore store, AuthorizationPublisher publisher, BankReversals reversals, Clock clock,
                          Settings settings) {
        this.store = store;
        this.publisher = publisher;
        this.reversals = reversals;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Works through one batch of due items. Stops early when the broker does not answer, as every other item would
     * then wait for it too, or when {@link #stopClaiming()} was called.
     *
     * @return how many items this sweeper acted on
     */
    public int sweep() {
        int acted = 0;
        for (OwedWork work : store.findDueWork(clock.instant(), settings.batch())) {
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
        return acted;
    }

    /** Takes no more work, for a shutdown: what is claimed and not done falls due again, for another instance. */
    public void stopClaiming() {
        claiming = false;
    }

    private enum Step { DONE, SKIPPED, BROKER_SILENT }

    private Step handle(OwedWork work) {
        Payment payment = work.payment();
        Instant now = clock.instant();
        if (payment.isPending()) {
            Instant deadline = payment.requestedOn().plus(settings.finalDeadline());
            return now.isBefore(deadline) ? sendCommand(work, now, deadline) : timeOut(payment, now);
        }
        Reversal reversal = work.reversal();
        if (reversal != null && reversal.confirmedOn() == null) {
            return requestReversal(work, reversal, now);
        }
        // Decided with nothing owed, e.g. a reversal withdrawn while this sweep read it: nothing to do but forget it.
        store.claim(work, null, Claim.RESCHEDULE);
        return Step.SKIPPED;
    }

    private Step sendCommand(OwedWork work, Instant now, Instant deadline) {
        boolean confirmedBefore = work.publishedOn() != null;
        // The first wait for an answer was resendAfter; each send after it waits twice as long as the one before.
        Duration wait = confirmedBefore
                ? doubledUpTo(settings.resendAfter(), work.commandsSent() + 1, settings.finalDeadline())
                : settings.republishAfter();
        Instant next = earliest(now.plus(wait), deadline);
        Optional<OwedWork> claimed = store.claim(work, next, Claim.SEND_COMMAND);
        if (claimed.isEmpty() || !claimed.get().payment().isPending()) {
            return Step.SKIPPED;
        }
        OwedWork mine = claimed.get();
        Publication publication = publisher.publish(mine.command(deadline), settings.confirmWithin());
        log.info("{} the command of payment {} (send {}): {}", confirmedBefore ? "Re-sent" : "Republished",
                mine.payment().id(), mine.commandsSent(), publication);
        if (publication == Publication.CONFIRMED && !confirmedBefore) {
            store.markPublished(mine.payment().id(), clock.instant(),
                    earliest(clock.instant().plus(settings.resendAfter()), deadline));
        }
        return publication == Publication.UNCONFIRMED ? Step.BROKER_SILENT : Step.DONE;
    }

    private Step timeOut(Payment payment, Instant now) {
        // The conditional write is the claim: of several sweepers, and of a result arriving now, exactly one wins.
        Decision timedOut = Decision.timedOut(now);
        Optional<RecordedDecision> recorded = store.recordDecisionIfPending(payment.id(), timedOut, true);
        if (recorded.isEmpty()) {
            return Step.SKIPPED;
        }
        log.warn("Payment {} had no answer within {} after {} command(s): Declined {}; the bank is asked to reverse "
                        + "any approval", payment.id(), settings.finalDeadline(), recorded.get().commandsSent(),
                timedOut.responseCode().code());
        return Step.DONE;
    }

    private Step requestReversal(OwedWork work, Reversal reversal, Instant now) {
        Instant next = now.plus(doubledUpTo(settings.reversalBackoff(), reversal.sent() + 1,
                settings.reversalBackoffMax()));
        Optional<OwedWork> claimed = store.claim(work, next, Claim.SEND_REVERSAL);
        if (claimed.isEmpty() || claimed.get().reversal() == null) {
            return Step.SKIPPED;
        }
        OwedWork mine = claimed.get();
        Payment payment = mine.payment();
        ReversalRequest request = new ReversalRequest(payment.id(), payment.merchantId(), mine.routing(),
                payment.amount(), payment.responseCode(), mine.reversal().requestedOn());
        Publication publication = reversals.requestReversal(request, settings.confirmWithin());
        if (publication == Publication.CONFIRMED) {
            store.markReversalConfirmed(payment.id(), clock.instant());
            log.info("Reversal of payment {} handed to acquirer {}", payment.id(), mine.routing().acquirer());
        } else {
            log.warn("Reversal of payment {} to acquirer {} was not confirmed ({}); trying again after {}",
                    payment.id(), mine.routing().acquirer(), publication, next);
        }
        return publication == Publication.UNCONFIRMED ? Step.BROKER_SILENT : Step.DONE;
    }

    /** {@code base} doubled for each attempt after the first, never past {@code cap}. */
    private static Duration doubledUpTo(Duration base, int attempts, Duration cap) {
        Duration wait = base;
        for (int i = 1; i < attempts && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) < 0 ? wait : cap;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
