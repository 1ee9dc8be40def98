package io.paygate.acquirer.support.application.port.in;

import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ReversePayment;

/** Have the bank undo whatever authorisation it may hold for a payment the gateway declined. */
public interface ReversePaymentUseCase {

    /**
     * Safe to repeat: the bank keys the reversal on the payment id and reverses an authorisation at most once.
     *
     * @return {@link ReversalOutcome#BANK_UNAVAILABLE} when the reversal is still owed and must be asked again later
     */
    ReversalOutcome reverse(ReversePayment command);
}
