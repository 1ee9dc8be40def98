package io.paygate.acquirer.support.application.port.out;

import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;

import java.time.Duration;

/**
 * One acquiring bank's API: the port each acquirer adapter implements. Each call is one request to the bank, with the
 * payment id as its idempotency key (the action id for a capture, void or refund); the retries, the command's expiry and the circuit breaker are
 * {@link io.paygate.acquirer.support.application.BankCallPolicy}'s, the same for every bank.
 * <p>
 * A call either returns the bank's definitive answer, or throws {@link BankUnreachableException} when the bank gave
 * none (it failed, asked to be called later, or did not connect or answer in time), which is retried. Any other
 * exception is an answer that asking again would not change: the command fails and says nothing about the bank being
 * down.
 */
public interface AcquiringBank {

    /** How the bank is named in logs and health details, e.g. {@code Piggy Bank}. */
    String name();

    /**
     * How long one request can take before it counts as unanswered (its connect plus read timeout, say). No
     * authorisation or action request starts unless it is over by the command's expiry.
     */
    Duration longestRequest();

    /**
     * Asks the bank to authorise the payment, and maps its answer: an approval, or a decline with the response code
     * the bank's answer means.
     *
     * @throws BankUnreachableException when the bank gave no answer; it may or may not have acted on the request
     */
    BankDecision authorize(CardAuthorization authorization);

    /**
     * Asks the bank to undo the approved authorisation made with the payment id as idempotency key, if it holds one.
     *
     * @throws BankUnreachableException when the bank gave no answer; the reversal is still owed
     */
    ReversalOutcome reverse(PaymentReversal reversal);

    /**
     * Asks the bank to capture, void or refund the approved authorisation made with the payment id as idempotency
     * key, with the action id as the action's own idempotency key, and maps its answer: an approval, or a decline with
     * the response code the bank's answer means ({@code 20012}, {@code 20013}, {@code 20025}).
     *
     * @throws BankUnreachableException when the bank gave no answer; it may or may not have acted on the request
     */
    ActionDecision act(PaymentActionRequest action);
}
