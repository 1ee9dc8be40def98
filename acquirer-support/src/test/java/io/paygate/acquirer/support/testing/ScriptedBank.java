package io.paygate.acquirer.support.testing;

import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankNotReachedException;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ResponseCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bank behind the {@link AcquiringBank} port that answers by the card, as the test cards say, and can be told to
 * leave the next requests unanswered or to answer them outside its API. It records every request under its payment
 * id, so a test sees what reached the bank.
 */
public final class ScriptedBank implements AcquiringBank {

    public static final String APPROVED_CARD = "4111111111111111";
    /** Declined {@link ResponseCode#INSUFFICIENT_FUNDS}, a code only the bank's answer can give. */
    public static final String DECLINED_CARD = "4111111111111112";
    /** Never answered: every request to authorise it is a {@link BankUnreachableException}. */
    public static final String UNAVAILABLE_CARD = "4111111111111110";

    private final Duration longestRequest;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> reversals = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger unansweredActions = new AtomicInteger();
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final Map<String, String> authorizationCodes = new ConcurrentHashMap<>();
    private final AtomicInteger unansweredAuthorizations = new AtomicInteger();
    private final AtomicInteger unansweredReversals = new AtomicInteger();
    private final AtomicInteger answersOutsideTheApi = new AtomicInteger();
    private final AtomicInteger refusedConnections = new AtomicInteger();

    public ScriptedBank(Duration longestRequest) {
        this.longestRequest = longestRequest;
    }

    @Override
    public String name() {
        return "Scripted Bank";
    }

    @Override
    public Duration longestRequest() {
        return longestRequest;
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        String paymentId = authorization.paymentId();
        if (refusedConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BankNotReachedException("Connection refused by the Scripted Bank");
        }
        authorizations.add(paymentId);
        if (answersOutsideTheApi.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("The Scripted Bank answered 404");
        }
        if (unansweredAuthorizations.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || authorization.card().number().equals(UNAVAILABLE_CARD)) {
            throw new BankUnreachableException("The Scripted Bank answered 503");
        }
        if (authorization.card().number().equals(DECLINED_CARD)) {
            return new BankDecision.Declined(ResponseCode.INSUFFICIENT_FUNDS);
        }
        approved.add(paymentId);
        // The bank's idempotency: a repeated request gets the first answer.
        return new BankDecision.Approved(authorizationCodes.computeIfAbsent(paymentId, id -> UUID.randomUUID().toString()));
    }

    @Override
    public ReversalOutcome reverse(PaymentReversal reversal) {
        String paymentId = reversal.paymentId();
        reversals.add(paymentId);
        if (unansweredReversals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BankUnreachableException("The Scripted Bank answered 503");
        }
        return approved.contains(paymentId) ? ReversalOutcome.REVERSED : ReversalOutcome.NOTHING_TO_REVERSE;
    }

    /**
     * Captures, voids or refunds an authorisation it approved, answering a repeated action id as the first time;
     * an action on a payment it never approved is declined {@link ResponseCode#NO_ORIGINAL}.
     */
    @Override
    public ActionDecision act(PaymentActionRequest action) {
        actions.add(action.actionId());
        if (unansweredActions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BankUnreachableException("The Scripted Bank answered 503");
        }
        return approved.contains(action.paymentId()) ? new ActionDecision.Approved("ref-" + action.actionId())
                : new ActionDecision.Declined(ResponseCode.NO_ORIGINAL);
    }

    /** Leaves the next {@code count} action requests unanswered. */
    public void failNextActions(int count) {
        unansweredActions.addAndGet(count);
    }

    /** How many action requests reached the bank for the action id, retries included. */
    public int requestsForAction(String actionId) {
        return (int) actions.stream().filter(actionId::equals).count();
    }

    /** Leaves the next {@code count} authorisation requests unanswered, whatever their card. */
    public void failNext(int count) {
        unansweredAuthorizations.addAndGet(count);
    }

    /** Refuses the next {@code count} connections: those requests never reach the bank. */
    public void refuseNextConnections(int count) {
        refusedConnections.addAndGet(count);
    }

    public void failNextReversals(int count) {
        unansweredReversals.addAndGet(count);
    }

    /** Answers the next authorisation request with something its API does not use. */
    public void answerNextOutsideItsApi() {
        answersOutsideTheApi.incrementAndGet();
    }

    /** How many authorisation requests reached the bank for the payment, retries included. */
    public int requestsFor(String paymentId) {
        return (int) authorizations.stream().filter(paymentId::equals).count();
    }

    public int requestCount() {
        return authorizations.size() + reversals.size() + actions.size();
    }

    /** How many reversal requests reached the bank for the payment, retries included. */
    public int reversalsOf(String paymentId) {
        return (int) reversals.stream().filter(paymentId::equals).count();
    }
}
