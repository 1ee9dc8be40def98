package io.paygate.acquirer.piggybank.application;

import io.paygate.acquirer.piggybank.application.port.in.ReversePaymentUseCase;
import io.paygate.acquirer.piggybank.application.port.out.AcquiringBank;
import io.paygate.acquirer.piggybank.domain.ReversalOutcome;
import io.paygate.events.ReversePayment;

/**
 * Asks the bank to reverse the authorisation it made under the payment id. The command's amount and currency are not
 * sent: the bank finds the authorisation by its idempotency key, and reverses it whole.
 */
public class ReversePaymentService implements ReversePaymentUseCase {

    private final AcquiringBank bank;

    public ReversePaymentService(AcquiringBank bank) {
        this.bank = bank;
    }

    @Override
    public ReversalOutcome reverse(ReversePayment command) {
        return bank.reverse(command.paymentId());
    }
}
