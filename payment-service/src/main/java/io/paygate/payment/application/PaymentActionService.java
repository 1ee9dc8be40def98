package io.paygate.payment.application;

import io.paygate.payment.domain.ActionRequest;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.RecoveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Takes a merchant's capture, void or refund: the payment decides whether its balances allow it, the store writes the
 * pending action over the version it was decided from, and its command goes to the acquirer when no earlier action is
 * still in flight. The merchant is answered {@code 202} at once: the bank's answer is recorded whenever it comes
 * ({@link RecordActionResultService}).
 * <p>
 * Two requests racing on one payment are decided one after the other: the loser's write fails, and it is decided
 * again from the payment as the winner left it, so together they never take more than the balance. An idempotency
 * key belongs to the payment: the same key and request again gets the same action, written by one atomic change.
 */
public class PaymentActionService {

    private static final Logger log = LoggerFactory.getLogger(PaymentActionService.class);

    /** Decisions made again after losing a race, before the merchant is asked to try later. */
    static final int ATTEMPTS = 5;

    private final PaymentStore store;
    private final ActionSender sender;
    private final RequestFingerprints fingerprints;
    private final Clock clock;
    private final RecoveryPolicy policy;

    public PaymentActionService(PaymentStore store, ActionSender sender, RequestFingerprints fingerprints,
                                Clock clock, RecoveryPolicy policy) {
        this.store = store;
        this.sender = sender;
        this.fingerprints = fingerprints;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * @throws PaymentNotFoundException   when the merchant has no such payment
     * @throws IdempotencyKeyReusedException when the key was used on this payment for another request
     * @throws io.paygate.payment.domain.ActionNotAllowedException     in a state that does not allow it
     * @throws io.paygate.payment.domain.AmountExceedsBalanceException when the balance does not cover it
     * @throws PaymentBusyException       when other changes won every race
     */
    public AcceptedAction request(String paymentId, String merchantId, ActionCommand command) {
        PaymentId id = PaymentId.parse(paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId));
        String key = command.idempotencyKey() == null ? null : command.idempotencyKey().value();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Payment read = store.findByIdAndMerchant(id, merchantId)
                    .orElseThrow(() -> new PaymentNotFoundException(paymentId));
            Optional<PaymentAction> earlier = key == null ? Optional.empty() : read.actionByKey(key);
            if (earlier.isPresent()) {
                if (!fingerprints.matches(earlier.get().fingerprint(), command)) {
                    throw new IdempotencyKeyReusedException();
                }
                return new AcceptedAction(read, earlier.get(), true);
            }
            ActionRequest request = new ActionRequest(command.reference(), command.metadata(), key,
                    key == null ? null : fingerprints.of(command));
            Payment changed = decide(read, command, request);
            if (store.update(read, changed)) {
                PaymentAction action = changed.actions().getLast();
                log.info("{} {} of {} on payment {} accepted", action.type().label(), action.id(), action.amount(),
                        id);
                sender.sendIfDue(read, changed);
                return new AcceptedAction(changed, action, false);
            }
        }
        throw new PaymentBusyException(id);
    }

    private Payment decide(Payment read, ActionCommand command, ActionRequest request) {
        return switch (command.type()) {
            case CAPTURE -> read.capture(command.amount(), command.finalCapture(), request, clock.instant(), policy);
            case VOID -> read.voidAuthorization(request, clock.instant(), policy);
            case REFUND -> read.refund(command.amount(), request, clock.instant(), policy);
        };
    }
}
