package io.paygate.payment.application;

import io.paygate.events.AuthorizationResult;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Applies an acquirer's answer to its payment. Every result reaches payment-service at least twice (through the
 * shared queue and through the asking instance's own queue) and may be redelivered, so applying it is idempotent:
 * the first answer wins with a conditional write, later copies change nothing. Either way, a request of this instance
 * waiting for the payment is woken with its final state.
 */
public class RecordAuthorizationResultService {

    private static final Logger log = LoggerFactory.getLogger(RecordAuthorizationResultService.class);

    private final PaymentStore store;
    private final AuthorizationWaiters waiters;
    private final Clock clock;

    public RecordAuthorizationResultService(PaymentStore store, AuthorizationWaiters waiters, Clock clock) {
        this.store = store;
        this.waiters = waiters;
        this.clock = clock;
    }

    public void record(AuthorizationResult result) {
        Optional<Payment> stored = PaymentId.parse(result.paymentId()).flatMap(store::findById);
        if (stored.isEmpty()) {
            log.info("Ignoring the result for unknown payment {}", result.paymentId());
            return;
        }
        Payment payment = stored.get();
        if (payment.isPending()) {
            Payment decided = payment.decide(result.responseCode(), result.authCode(), result.processedOn(),
                    clock.instant());
            Optional<Payment> recorded = store.recordDecisionIfPending(decided);
            if (recorded.isPresent()) {
                payment = recorded.get();
                log.info("Payment {} is {} ({})", payment.id(), payment.status().label(), result.responseCode().code());
            } else {
                // Another copy of the result was recorded between the read and the write: take what it stored.
                payment = store.findById(decided.id()).orElseThrow();
            }
        } else {
            log.debug("Payment {} is already {}: result {} changes nothing",
                    payment.id(), payment.status().label(), result.responseCode().code());
        }
        waiters.complete(payment);
    }
}
