package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.paygate.acquirer.piggybank.application.port.out.AcquiringBank;
import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The Piggy Bank as the application sees it: an answer for every authorisation. Attempts that get no answer are
 * retried with back-off, always with the payment id as idempotency key; when the retries are spent, the issuer
 * counts as unavailable. While the circuit breaker is open, every payment is answered
 * {@link BankDecision.IssuerUnavailable} at once, without a request to the bank.
 * <p>
 * The breaker wraps each payment's whole retried call, not each attempt, so one payment is one outcome:
 * <ul>
 *   <li>Its failure rate is the share of recent payments that found the issuer unavailable, which is what merchants
 *       see as {@code 20091}; its window and minimum count payments, whatever the retry settings.</li>
 *   <li>A 503 that a retry gets past is the retry policy's business, not an outage. Counting attempts, one payment
 *       against a bank that is down would fill four places of the window, could open the breaker on its own, and
 *       the breaker would then cut short the very retries meant to ride out a blip: the two policies would fight.</li>
 *   <li>A half-open trial is a payment with its whole retry budget, so a bank that answers only some requests is
 *       judged on whether payments get through, not on single requests.</li>
 * </ul>
 * The price is that it opens one retry budget after the bank goes down, not after a few requests; payments run in
 * parallel, so that is about one budget in all. Payments still retrying when it opens stop at their next retry
 * instead of spending the rest of their budget on a bank the breaker has given up on.
 */
class PiggyBank implements AcquiringBank {

    private static final Logger log = LoggerFactory.getLogger(PiggyBank.class);

    private final PiggyBankApi api;
    private final RetryTemplate retryTemplate;
    private final CircuitBreaker circuitBreaker;

    PiggyBank(PiggyBankApi api, RetryPolicy retryPolicy, CircuitBreaker circuitBreaker) {
        this.api = api;
        this.retryTemplate = new RetryTemplate(retryPolicy);
        this.retryTemplate.setRetryListener(new RetryLog());
        this.circuitBreaker = circuitBreaker;
        circuitBreaker.getEventPublisher().onStateTransition(this::logTransition);
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        if (!circuitBreaker.tryAcquirePermission()) {
            // No request, no retry, no wait: the command is answered now instead of holding a consumer.
            return new BankDecision.IssuerUnavailable();
        }
        long start = circuitBreaker.getCurrentTimestamp();
        try {
            BankDecision decision = retryTemplate.execute(attempt(authorization));
            // Any answer, a refusal or a rejected request included, shows the bank is there.
            circuitBreaker.onSuccess(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit());
            return decision;
        } catch (RetryException e) {
            return noDecision(authorization, e, start);
        }
    }

    private BankDecision noDecision(CardAuthorization authorization, RetryException e, long start) {
        String paymentId = authorization.paymentId();
        if (Thread.currentThread().isInterrupted()) {
            // Shutting down: no answer is not the bank's fault; the command goes back to the queue.
            circuitBreaker.releasePermission();
            throw new IllegalStateException("Interrupted while authorising payment " + paymentId, e);
        }
        Throwable last = e.getLastException();
        switch (last) {
            case BankUnreachableException unreachable -> log.warn(
                    "Piggy Bank unavailable for payment {} after {} attempts: {}", paymentId, e.getRetryCount() + 1,
                    unreachable.getMessage());
            case CircuitOpenedWhileRetrying opened -> log.info(
                    "Payment {} stops retrying after {} attempts: the Piggy Bank circuit breaker opened meanwhile",
                    paymentId, e.getRetryCount());
            default -> {
                // An answer the bank would give again, or a fault of ours: neither says the bank is down.
                circuitBreaker.releasePermission();
                throw new IllegalStateException("Authorising payment " + paymentId + " failed", last);
            }
        }
        circuitBreaker.onError(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit(), last);
        return new BankDecision.IssuerUnavailable();
    }

    private Retryable<BankDecision> attempt(CardAuthorization authorization) {
        return new Retryable<>() {

            private boolean retrying;

            @Override
            public BankDecision execute() {
                if (retrying && circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
                    throw new CircuitOpenedWhileRetrying();
                }
                retrying = true;
                return api.authorize(authorization);
            }

            @Override
            public String getName() {
                return authorization.paymentId();
            }
        };
    }

    private void logTransition(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.StateTransition transition = event.getStateTransition();
        String meaning = switch (transition.getToState()) {
            case OPEN -> "%.0f %% of the last payments found it unavailable; declining payments 20091 without calling it"
                    .formatted(circuitBreaker.getMetrics().getFailureRate());
            case HALF_OPEN -> "letting %d trial payments through"
                    .formatted(circuitBreaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
            case CLOSED -> "it answers again";
            default -> "set by hand";
        };
        log.warn("Piggy Bank circuit breaker {} -> {}: {}", transition.getFromState(), transition.getToState(), meaning);
    }

    /** Ends a payment's retries, without calling the bank again, once the breaker has opened. Not retryable. */
    private static final class CircuitOpenedWhileRetrying extends RuntimeException {

        CircuitOpenedWhileRetrying() {
            super("the Piggy Bank circuit breaker opened", null, false, false);
        }
    }

    private static final class RetryLog implements RetryListener {

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
            log.info("Retrying payment {} with the Piggy Bank (retry {}): {}", retryable.getName(),
                    state.getRetryCount(), state.getLastException().getMessage());
        }
    }
}
