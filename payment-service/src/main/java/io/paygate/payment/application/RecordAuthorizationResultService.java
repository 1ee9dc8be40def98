package io.paygate.payment.application;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.PaymentStatus;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Applies an acquirer's answer to its payment. A result reaches one payment-service instance, the one that asked when
 * it is still there, but may be redelivered or sent twice (a command the sweeper sent again), so applying it is
 * idempotent: the payment decides ({@link Payment#decide}) and the store writes the decision over the version it was
 * decided from, so the first answer wins and later copies change nothing. Either way, a request of this instance
 * waiting for the payment is woken with its state.
 * <p>
 * The decision is made from the pending payment the waiting request holds, without reading it back: almost every
 * result reaches the instance that asked, while its request still waits. Otherwise, or when the payment changed
 * meanwhile, it is read. A result saying the bank never got the request first gives the payment to the next acquirer
 * of its route, if it has one ({@link AcquirerFailover}); an approval by an acquirer the payment has left is
 * reversed. An approval of a payment to be captured asks for its capture, sent once the decision is stored.
 */
public class RecordAuthorizationResultService {

    private static final Logger log = LoggerFactory.getLogger(RecordAuthorizationResultService.class);

    private final PaymentStore store;
    private final PaymentEventRelay events;
    private final AuthorizationWaiters waiters;
    private final AcquirerFailover failover;
    private final ActionSender actions;
    private final Clock clock;
    private final RecoveryPolicy policy;

    public RecordAuthorizationResultService(PaymentStore store, PaymentEventRelay events, AuthorizationWaiters waiters,
                                            AcquirerFailover failover, ActionSender actions, Clock clock,
                                            RecoveryPolicy policy) {
        this.store = store;
        this.events = events;
        this.waiters = waiters;
        this.failover = failover;
        this.actions = actions;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * @throws IllegalArgumentException when the result contradicts itself (a decline with an authorisation code):
     *                                  no retry will make it recordable
     * @throws IllegalStateException    when the payment changed under every attempt, so that the result is delivered
     *                                  again
     */
    public void record(AuthorizationResult result) {
        Optional<PaymentId> id = PaymentId.parse(result.paymentId());
        if (id.isEmpty()) {
            log.warn("Ignoring a result for {}, which is not a payment id", result.paymentId());
            return;
        }
        if (failover.moveOn(id.get(), result)) {
            return;
        }
        Decision decision = new Decision(result.responseCode(), result.authCode(), result.processedOn(),
                clock.instant(), result.acquirer(), result.acquirerReference());
        Optional<Payment> held = waiters.pending(id.get());
        for (int attempt = 1; attempt <= PaymentActionService.ATTEMPTS; attempt++) {
            Optional<Payment> read = attempt == 1 && held.isPresent() ? held : store.findById(id.get());
            if (read.isEmpty()) {
                log.info("Ignoring the result for unknown payment {}", result.paymentId());
                return;
            }
            Payment payment = read.get();
            if (!payment.isPending() || !decidedBy(payment, result)) {
                ignore(payment, result);
                return;
            }
            Payment decided = payment.decide(decision, policy);
            if (events.write(payment, decided)) {
                // One line per decision: with its trace id, it follows the payment through every service's log.
                log.info("Payment {} is {} ({}) by {} after {} ms{}", id.get(), decided.status().label(),
                        result.responseCode().code(), decided.route().current().acquirer(),
                        Duration.between(decided.requestedOn(), decided.decidedOn()).toMillis(),
                        decided.owed() != null && decided.status() == PaymentStatus.DECLINED
                                ? "; the bank is asked to reverse any approval it may have given" : "");
                waiters.complete(decided);
                actions.sendIfDue(payment, decided);
                return;
            }
        }
        throw new IllegalStateException("Payment " + id.get() + " changed under every attempt to record its result");
    }

    /** Whether the acquirer that answered has the payment's command; an answer that does not say is taken as its. */
    private static boolean decidedBy(Payment payment, AuthorizationResult result) {
        return result.acquirer() == null || result.acquirer().equals(payment.route().current().acquirer());
    }

    private void ignore(Payment payment, AuthorizationResult result) {
        if (failover.reverseStrayApproval(payment, result) || payment.isPending()) {
            // With another acquirer now: this answer is an old one, and the request waits for the new acquirer's.
            return;
        }
        // The adapter answers 20068 itself for a command that expired before it could ask the bank: that agrees with
        // the deadline's decline and is no news. Any other answer after the deadline is worth an operator's look.
        if (payment.responseCode() == ResponseCode.RESPONSE_TOO_LATE
                && result.responseCode() != ResponseCode.RESPONSE_TOO_LATE) {
            log.warn("Late result for payment {}: {} came after the payment was declined at its final deadline; "
                    + "it changes nothing, and the reversal the bank was asked for undoes any approval",
                    payment.id(), result.responseCode().code());
        } else {
            log.debug("Payment {} is already {}: result {} changes nothing",
                    payment.id(), payment.status().label(), result.responseCode().code());
        }
        waiters.complete(payment);
    }
}
