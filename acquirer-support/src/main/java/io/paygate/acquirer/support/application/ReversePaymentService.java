package io.paygate.acquirer.support.application;

import io.paygate.acquirer.support.application.port.in.ReversePaymentUseCase;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ReversePayment;

/**
 * Asks the bank to reverse the authorisation it made under the payment id. The command's amount and currency are not
 * sent: the bank finds the authorisation by its idempotency key, and reverses it whole.
 */
public class ReversePaymentService implements ReversePaymentUseCase {

    private final BankCallPolicy bank;

    public ReversePaymentService(BankCallPolicy bank) {
        this.bank = bank;
    }

    @Override
    public ReversalOutcome reverse(ReversePayment command) {
        return bank.reverse(new PaymentReversal(command.paymentId(), command.acquirerMerchantId()));
    }
}
