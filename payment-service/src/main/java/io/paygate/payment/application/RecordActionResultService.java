package io.paygate.payment.application;

import io.paygate.events.PaymentActionResult;
import io.paygate.payment.domain.ActionId;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Records the bank's answer to a capture, void or refund, once: the payment settles the pending action, and the
 * change is written over the version it was decided from; a copy of an answer already recorded changes nothing. The
 * next action in line, if any, is sent then, and the merchant's event made in the same write.
 */
public class RecordActionResultService {

    private static final Logger log = LoggerFactory.getLogger(RecordActionResultService.class);

    private final PaymentStore store;
    private final PaymentEventRelay events;
    private final ActionSender sender;
    private final Clock clock;
    private final RecoveryPolicy policy;

    public RecordActionResultService(PaymentStore store, PaymentEventRelay events, ActionSender sender, Clock clock,
                                     RecoveryPolicy policy) {
        this.store = store;
        this.events = events;
        this.sender = sender;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * @throws IllegalStateException when other changes of the payment won every race, so that the result is
     *                               delivered again
     */
    public void record(PaymentActionResult result) {
        Optional<PaymentId> paymentId = PaymentId.parse(result.paymentId());
        Optional<ActionId> actionId = ActionId.parse(result.actionId());
        if (paymentId.isEmpty() || actionId.isEmpty()) {
            log.warn("Ignoring a result for action {} of {}, which are not our ids", result.actionId(),
                    result.paymentId());
            return;
        }
        for (int attempt = 1; attempt <= PaymentActionService.ATTEMPTS; attempt++) {
            Optional<Payment> stored = store.findById(paymentId.get());
            if (stored.isEmpty()) {
                log.warn("Ignoring the result of action {} for unknown payment {}", result.actionId(),
                        result.paymentId());
                return;
            }
            Payment read = stored.get();
            Optional<Payment> settled = read.settleAction(actionId.get(), result.responseCode(),
                    result.acquirerReference(), result.processedOn(), clock.instant(), policy);
            if (settled.isEmpty()) {
                log.debug("Action {} of payment {} is already settled: {} changes nothing", result.actionId(),
                        read.id(), result.responseCode().code());
                return;
            }
            if (events.write(read, settled.get())) {
                log.info("{} {} of payment {}: {} ({}); the payment is {}", result.type(), result.actionId(),
                        read.id(), result.responseCode().summary(), result.responseCode().code(),
                        settled.get().status().label());
                sender.sendIfDue(read, settled.get());
                return;
            }
        }
        throw new IllegalStateException("Payment " + paymentId.get() + " changed under every attempt to record "
                + result.actionId());
    }
}
