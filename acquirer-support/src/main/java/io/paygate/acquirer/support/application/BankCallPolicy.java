package io.paygate.acquirer.support.application;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankNotReachedException;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Any {@link AcquiringBank} as the application sees it: an answer for every authorisation, and for every reversal
 * either the bank's answer or word that it is still owed. Attempts that get no answer ({@link BankUnreachableException})
 * are retried with back-off, always with the payment id as idempotency key; when the retries are spent, the issuer
 * counts as unavailable. While the circuit breaker is open, every payment is answered
 * {@link BankDecision.IssuerUnavailable} and every reversal {@link ReversalOutcome#BANK_UNAVAILABLE} at once, without
 * a request to the bank.
 * <p>
 * The breaker wraps each call's whole retried exchange, not each attempt, so one payment is one outcome:
 * <ul>
 *   <li>Its failure rate is the share of recent calls that found the issuer unavailable, which is what merchants
 *       see as {@code 20091}; its window and minimum count calls, whatever the retry settings.</li>
 *   <li>A 503 that a retry gets past is the retry policy's business, not an outage. Counting attempts, one payment
 *       against a bank that is down would fill four places of the window, could open the breaker on its own, and
 *       the breaker would then cut short the very retries meant to ride out a blip: the two policies would fight.</li>
 *   <li>A half-open trial is a call with its whole retry budget, so a bank that answers only some requests is
 *       judged on whether payments get through, not on single requests.</li>
 * </ul>
 * The price is that it opens one retry budget after the bank goes down, not after a few requests; payments run in
 * parallel, so that is about one budget in all. Calls still retrying when it opens stop at their next retry
 * instead of spending the rest of their budget on a bank the breaker has given up on.
 * <p>
 * Authorisations and reversals share the breaker: both go to the same bank over the same connections, so either
 * finding it down is news for the other. A reversal deferred while it is open costs nothing (it is asked again later),
 * and a bank just back is not met by a backlog of reversals before the half-open trials have judged it. The price:
 * a bank that failed reversals alone would decline payments too, which its single API and host make unlikely.
 * <p>
 * No authorisation request starts, the first or a retry, unless it is over (answered or timed out) by the command's
 * expiry: by then the gateway has declined the payment and sent the bank a reversal, which may well overtake a command
 * held up in a backlog or a retry. Past that point the call stops with {@link BankDecision.Expired}. A command expired
 * on arrival never reaches the breaker; one that expires while retrying counts as a call the bank left unanswered.
 * <p>
 * Captures, voids and refunds ({@link #act}) go through the same breaker with the reversals' retry policy (nobody
 * waits on them either), keyed by their action id, and under the same rule about their command's expiry, after which
 * payment-service records the action declined. Unlike an authorisation, an action the bank left unanswered has no
 * answer of its own: payment-service sends it again until it expires.
 */
public class BankCallPolicy {

    private static final Logger log = LoggerFactory.getLogger(BankCallPolicy.class);

    private final AcquiringBank bank;
    private final RetryTemplate authorizationRetries;
    private final RetryTemplate reversalRetries;
    private final CircuitBreaker circuitBreaker;
    private final Clock clock;

    /**
     * @param authorizationRetryPolicy what to retry, how often and how far apart, within the few seconds a merchant
     *                                 waits
     * @param reversalRetryPolicy      the same for reversals and for payment actions, which nobody waits on
     * @param circuitBreaker           one per instance, shared by authorisations, reversals and actions
     */
    public BankCallPolicy(AcquiringBank bank, RetryPolicy authorizationRetryPolicy, RetryPolicy reversalRetryPolicy,
                          CircuitBreaker circuitBreaker, Clock clock) {
        this.bank = bank;
        this.authorizationRetries = retryTemplate(authorizationRetryPolicy);
        this.reversalRetries = retryTemplate(reversalRetryPolicy);
        this.circuitBreaker = circuitBreaker;
        this.clock = clock;
        circuitBreaker.getEventPublisher().onStateTransition(this::logTransition);
    }

    /**
     * Always comes back with a decision: no answer from the bank is {@link BankDecision.IssuerUnavailable}, or
     * {@link BankDecision.NotSent} when no request reached it (the breaker was open, or every attempt failed with
     * {@link BankNotReachedException}). Never
     * starts a request, the first or a retry, that could still be running when the authorisation
     * {@linkplain CardAuthorization#expiresAt() expires}: then it stops with {@link BankDecision.Expired}.
     */
    public BankDecision authorize(CardAuthorization authorization) {
        String subject = "payment " + authorization.paymentId();
        if (!endsBeforeExpiry(authorization)) {
            log.info("Not asking the {} for {}: its command expires at {}, before an answer is sure to come",
                    bank.name(), subject, authorization.expiresAt());
            return new BankDecision.Expired();
        }
        // Whether any attempt may have reached the bank; none did when the breaker was open or every attempt failed
        // to be sent, and then no approval can be waiting there.
        AtomicBoolean mayHaveReached = new AtomicBoolean();
        try {
            return callGuarded(authorizationRetries, subject, () -> {
                if (!endsBeforeExpiry(authorization)) {
                    throw new CommandExpiresFirst();
                }
                try {
                    return bank.authorize(authorization);
                } catch (BankNotReachedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    mayHaveReached.set(true);
                    throw e;
                }
            }).orElseGet(() -> mayHaveReached.get() ? new BankDecision.IssuerUnavailable() : new BankDecision.NotSent());
        } catch (CommandExpiresFirst e) {
            return new BankDecision.Expired();
        }
    }

    /**
     * Undoes the approved authorisation made with the payment id as idempotency key, if there is one.
     *
     * @return {@link ReversalOutcome#BANK_UNAVAILABLE} when the bank gave no answer after the retries, or the circuit
     *         breaker is open: nothing was settled and the reversal must be asked again later
     */
    public ReversalOutcome reverse(PaymentReversal reversal) {
        return callGuarded(reversalRetries, "the reversal of payment " + reversal.paymentId(), () -> bank.reverse(reversal))
                .orElse(ReversalOutcome.BANK_UNAVAILABLE);
    }

    /**
     * Captures, voids or refunds with the action id as idempotency key. Never starts a request, the first or a retry,
     * that could still be running when the action's command {@linkplain PaymentActionRequest#expiresAt() expires}.
     *
     * @return the bank's answer, or empty when it gave none after the retries, the circuit breaker is open, or the
     *         command expires before an answer is sure to come: nothing was settled, and payment-service asks again
     *         while the command has not expired
     */
    public Optional<ActionDecision> act(PaymentActionRequest action) {
        String subject = "action " + action.actionId() + " (" + action.type() + " of payment " + action.paymentId() + ")";
        if (!endsBeforeExpiry(action)) {
            log.info("Not asking the {} for {}: its command expires at {}, before an answer is sure to come",
                    bank.name(), subject, action.expiresAt());
            return Optional.empty();
        }
        try {
            return callGuarded(reversalRetries, subject, () -> {
                if (!endsBeforeExpiry(action)) {
                    throw new CommandExpiresFirst();
                }
                return bank.act(action);
            });
        } catch (CommandExpiresFirst e) {
            return Optional.empty();
        }
    }

    private boolean endsBeforeExpiry(PaymentActionRequest action) {
        return action.endsBeforeExpiry(clock.instant(), bank.longestRequest());
    }

    private boolean endsBeforeExpiry(CardAuthorization authorization) {
        return authorization.endsBeforeExpiry(clock.instant(), bank.longestRequest());
    }

    /**
     * One call through the breaker and its retries.
     *
     * @param subject names the call in logs and errors, e.g. {@code payment pay_123}
     * @return the bank's answer, or empty when it gave none: after the retries, or at once while the breaker is open
     * @throws CommandExpiresFirst when the request stopped retrying because its command expires first
     */
    private <T> Optional<T> callGuarded(RetryTemplate retries, String subject, Supplier<T> request) {
        if (!circuitBreaker.tryAcquirePermission()) {
            // No request, no retry, no wait: the command is settled now instead of holding a place in flight.
            return Optional.empty();
        }
        long start = circuitBreaker.getCurrentTimestamp();
        try {
            T answer = retries.execute(attempt(subject, request));
            // Any answer, a refusal or a rejected request included, shows the bank is there.
            circuitBreaker.onSuccess(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit());
            return Optional.of(answer);
        } catch (RetryException e) {
            noAnswer(subject, e, start);
            return Optional.empty();
        }
    }

    private void noAnswer(String subject, RetryException e, long start) {
        if (Thread.currentThread().isInterrupted()) {
            // Shutting down: no answer is not the bank's fault; the command goes back to the queue.
            circuitBreaker.releasePermission();
            throw new IllegalStateException("Interrupted while calling the " + bank.name() + " for " + subject, e);
        }
        Throwable last = e.getLastException();
        switch (last) {
            case BankUnreachableException unreachable -> log.warn(
                    "{} unavailable for {} after {} attempts: {}", bank.name(), subject, e.getRetryCount() + 1,
                    unreachable.getMessage());
            case CircuitOpenedWhileRetrying opened -> log.info(
                    "Stopped retrying {} after {} attempts: the {} circuit breaker opened meanwhile",
                    subject, e.getRetryCount(), bank.name());
            case CommandExpiresFirst expiresFirst -> {
                log.info("Stopped retrying {} after {} attempts: its command expires before another answer is sure "
                        + "to come", subject, e.getRetryCount());
                circuitBreaker.onError(circuitBreaker.getCurrentTimestamp() - start,
                        circuitBreaker.getTimestampUnit(), last);
                throw expiresFirst;
            }
            default -> {
                // An answer the bank would give again, or a fault of ours: neither says the bank is down.
                circuitBreaker.releasePermission();
                throw new IllegalStateException("Calling the " + bank.name() + " for " + subject + " failed", last);
            }
        }
        circuitBreaker.onError(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit(), last);
    }

    private <T> Retryable<T> attempt(String subject, Supplier<T> request) {
        return new Retryable<>() {

            private boolean retrying;

            @Override
            public T execute() {
                if (retrying && circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
                    throw new CircuitOpenedWhileRetrying();
                }
                retrying = true;
                return request.get();
            }

            @Override
            public String getName() {
                return subject;
            }
        };
    }

    private void logTransition(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.StateTransition transition = event.getStateTransition();
        String meaning = switch (transition.getToState()) {
            case OPEN -> ("%.0f %% of the last payments found it unavailable; declining payments 20091 and deferring "
                    + "reversals and actions without calling it").formatted(circuitBreaker.getMetrics().getFailureRate());
            case HALF_OPEN -> "letting %d trial payments through"
                    .formatted(circuitBreaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
            case CLOSED -> "it answers again";
            default -> "set by hand";
        };
        log.warn("{} circuit breaker {} -> {}: {}", bank.name(), transition.getFromState(), transition.getToState(),
                meaning);
    }

    private RetryTemplate retryTemplate(RetryPolicy policy) {
        RetryTemplate template = new RetryTemplate(policy);
        template.setRetryListener(new RetryLog());
        return template;
    }

    /**
     * Ends an authorisation's retries, without calling the bank again, once a request could outlast its command.
     * Not retryable.
     */
    private static final class CommandExpiresFirst extends RuntimeException {

        CommandExpiresFirst() {
            super("the command expires before the bank's answer is sure to come", null, false, false);
        }
    }

    /** Ends a call's retries, without calling the bank again, once the breaker has opened. Not retryable. */
    private static final class CircuitOpenedWhileRetrying extends RuntimeException {

        CircuitOpenedWhileRetrying() {
            super("the bank's circuit breaker opened", null, false, false);
        }
    }

    private final class RetryLog implements RetryListener {

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
            log.info("Retrying {} with the {} (retry {}): {}", retryable.getName(), bank.name(),
                    state.getRetryCount(), state.getLastException().getMessage());
        }
    }
}
