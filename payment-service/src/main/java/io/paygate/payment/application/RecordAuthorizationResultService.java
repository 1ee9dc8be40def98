package io.paygate.payment.application;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Applies an acquirer's answer to its payment. A result reaches one payment-service instance, the one that asked when
 * it is still there, but may be redelivered or sent twice (a command the sweeper sent again), so applying it is
 * idempotent: the first answer wins with one conditional write, decided by the domain
 * ({@link Transition#deciding}), and later copies change nothing. Either way, a request of this instance waiting for
 * the payment is woken with its final state.
 * <p>
 * The write goes first, without reading the payment: almost every result finds its payment pending, and the request
 * waiting for it holds the pending payment, to which it applies the same change. The payment is read only when the
 * write did not apply, to tell a duplicate from an answer that came after the final deadline, or from an approval
 * by an acquirer the payment has left. A result saying the bank never got the request first gives the payment to
 * the next acquirer of its route, if it has one ({@link AcquirerFailover}).
 */
public class RecordAuthorizationResultService {

    private static final Logger log = LoggerFactory.getLogger(RecordAuthorizationResultService.class);

    private final PaymentStore store;
    private final AuthorizationWaiters waiters;
    private final AcquirerFailover failover;
    private final Clock clock;

    public RecordAuthorizationResultService(PaymentStore store, AuthorizationWaiters waiters,
                                            AcquirerFailover failover, Clock clock) {
        this.store = store;
        this.waiters = waiters;
        this.failover = failover;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the result contradicts itself (a decline with an authorisation code):
     *                                  no retry will make it recordable
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
        Transition transition = Transition.deciding(decision);
        if (store.apply(id.get(), transition)) {
            // One line per payment would be the busiest log of the service; a decline that owes a reversal is rare news.
            if (transition.owed() != null) {
                log.info("Payment {} is {} ({}); the bank is asked to reverse any approval it may have given",
                        id.get(), transition.to().label(), result.responseCode().code());
            } else {
                log.debug("Payment {} is {} ({})", id.get(), transition.to().label(), result.responseCode().code());
            }
            waiters.decided(id.get(), transition);
            return;
        }
        Optional<Payment> stored = store.findById(id.get());
        if (stored.isEmpty()) {
            log.info("Ignoring the result for unknown payment {}", result.paymentId());
            return;
        }
        Payment payment = stored.get();
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
