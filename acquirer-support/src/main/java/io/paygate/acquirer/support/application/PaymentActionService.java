package io.paygate.acquirer.support.application;

import io.paygate.acquirer.support.application.port.in.PaymentActionUseCase;
import io.paygate.acquirer.support.application.port.out.ActionResultPublisher;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;

import java.time.Clock;
import java.util.Optional;

/**
 * Asks the bank to capture, void or refund, and publishes its answer. Only an answer of the bank's is published: when
 * it gave none, or the command expires before one is sure to come (see {@link BankCallPolicy#act}), nothing is, and
 * payment-service, which owns the action's retries, sends the command again until its expiry.
 */
public class PaymentActionService implements PaymentActionUseCase {

    private final BankCallPolicy bank;
    private final ActionResultPublisher results;
    private final Clock clock;
    private final String acquirer;

    /** @param acquirer the code of this adapter's acquirer, which every result names */
    public PaymentActionService(BankCallPolicy bank, ActionResultPublisher results, Clock clock, String acquirer) {
        this.bank = bank;
        this.results = results;
        this.clock = clock;
        this.acquirer = acquirer;
    }

    @Override
    public Optional<PaymentActionResult> act(PaymentActionCommand command) {
        var action = new PaymentActionRequest(command.actionId(), command.type(), command.paymentId(),
                command.acquirerMerchantId(), command.acquirerReference(), command.amount(), command.currency(),
                command.finalCapture(), command.expiresAt());
        return bank.act(action).map(decision -> {
            PaymentActionResult result = decision.toResult(command.actionId(), command.paymentId(), command.type(),
                    acquirer, clock.instant());
            results.publish(result);
            return result;
        });
    }
}
