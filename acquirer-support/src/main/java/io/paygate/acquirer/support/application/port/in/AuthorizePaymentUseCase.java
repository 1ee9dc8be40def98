package io.paygate.acquirer.support.application.port.in;

import io.paygate.events.AuthorizePayment;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.card.CardEnvelopeException;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;

/** Authorise one payment with the bank and publish the bank's answer to whoever asked. */
public interface AuthorizePaymentUseCase {

    /**
     * Returns once the result is safely with the broker, so the command may then be acknowledged.
     *
     * @return the published result
     * @throws CardEnvelopeException       when the card cannot be opened: the command can never succeed
     * @throws ResultNotPublishedException when the broker did not take the result: doing it again is safe
     */
    AuthorizationResult authorize(AuthorizePayment command);
}
