package io.paygate.acquirer.piggybank.application.port.out;

import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;

/** The acquiring bank's authorisation API, with its retry policy: it always comes back with a decision. */
public interface AcquiringBank {

    BankDecision authorize(CardAuthorization authorization);
}
