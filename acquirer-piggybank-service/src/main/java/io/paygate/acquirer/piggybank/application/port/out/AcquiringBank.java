package io.paygate.acquirer.piggybank.application.port.out;

import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
import io.paygate.acquirer.piggybank.domain.ReversalOutcome;

/** The acquiring bank's API, with its retry policy and circuit breaker. */
public interface AcquiringBank {

    /**
     * Always comes back with a decision: no answer from the bank is {@link BankDecision.IssuerUnavailable}. Never
     * starts a request, the first or a retry, that could still be running when the authorisation
     * {@linkplain CardAuthorization#expiresAt() expires}: then it stops with {@link BankDecision.Expired}.
     */
    BankDecision authorize(CardAuthorization authorization);

    /**
     * Undoes the approved authorisation made with the payment id as idempotency key, if there is one.
     *
     * @return {@link ReversalOutcome#BANK_UNAVAILABLE} when the bank gave no answer after the retries, or its circuit
     *         breaker is open: nothing was settled and the reversal must be asked again later
     */
    ReversalOutcome reverse(String paymentId);
}
