package io.paygate.acquirer.support.configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import org.springframework.core.retry.RetryPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently to call the bank. Each adapter binds these under its bank's own prefix (the Piggy Bank's
 * {@code paygate.piggybank.retry}, ...) and provides them as a bean.
 *
 * @param retry          how to retry authorisations that got no answer: within the few seconds a merchant waits
 * @param reversalRetry  how to retry reversals that got no answer; when these retries are spent too, the reversal
 *                       is asked again later, from the broker, so nobody waits on it and its budget may be longer.
 *                       Captures, voids and refunds use it too: nobody waits on them either, and payment-service
 *                       sends one again while it has not expired
 * @param circuitBreaker when to stop asking a bank that recent payments found down
 */
public record BankCallSettings(Retry retry, Retry reversalRetry, CircuitBreaker circuitBreaker) {

    public BankCallSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(reversalRetry, "reversal-retry");
        Objects.requireNonNull(circuitBreaker, "circuit-breaker");
    }

    /**
     * Exponential back-off with jitter between attempts that failed for want of an answer.
     *
     * @param maxRetries attempts after the first
     * @param delay      wait before the first retry
     * @param multiplier growth of the wait from one retry to the next
     * @param maxDelay   longest wait between two attempts
     * @param jitter     random spread around each wait, so instances that failed together do not retry together
     */
    public record Retry(long maxRetries, Duration delay, double multiplier, Duration maxDelay, Duration jitter) {

        public Retry {
            // Shared by retry and reversal-retry.
            Objects.requireNonNull(delay, "retry delay");
            Objects.requireNonNull(maxDelay, "retry max-delay");
            Objects.requireNonNull(jitter, "retry jitter");
        }

        /** Retries only when the bank gave no answer; an answer, even a refusal, is final. */
        public RetryPolicy policy() {
            return RetryPolicy.builder()
                    .includes(BankUnreachableException.class)
                    .maxRetries(maxRetries)
                    .delay(delay)
                    .multiplier(multiplier)
                    .maxDelay(maxDelay)
                    .jitter(jitter)
                    .build();
        }
    }

    /**
     * The circuit breaker around each payment's whole call to the bank, retries included: its calls are payments,
     * and a payment fails only when the bank gave it no answer after all its retries.
     *
     * @param failureRateThreshold                  percentage of failed payments in the window that opens it
     * @param slidingWindowSize                     how many of the latest payments the failure rate is taken over
     * @param minimumNumberOfCalls                  payments needed before any failure rate counts
     * @param waitDurationInOpenState               how long it declines every payment at once before trying again
     * @param permittedNumberOfCallsInHalfOpenState trial payments after the wait that decide whether it closes
     */
    public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                 Duration waitDurationInOpenState, int permittedNumberOfCallsInHalfOpenState) {

        public CircuitBreaker {
            Objects.requireNonNull(waitDurationInOpenState, "circuit-breaker wait-duration-in-open-state");
        }

        public CircuitBreakerConfig config() {
            return CircuitBreakerConfig.custom()
                    .slidingWindowType(SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(slidingWindowSize)
                    .minimumNumberOfCalls(minimumNumberOfCalls)
                    .failureRateThreshold(failureRateThreshold)
                    .waitDurationInOpenState(waitDurationInOpenState)
                    .permittedNumberOfCallsInHalfOpenState(permittedNumberOfCallsInHalfOpenState)
                    // Half-open as soon as the wait is over, not only when the next payment comes: while no payment
                    // comes, the health endpoint and the log would otherwise keep saying OPEN.
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .build();
        }
    }
}
