package io.paygate.acquirer.support.adapter.in.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the bank's circuit breaker lets payments through. An open breaker is reported as
 * {@link #CIRCUIT_OPEN}, never {@code DOWN}: the adapter itself is fine (it answers every payment, at once), and a
 * service reported down would be restarted by Docker or Kubernetes for nothing. {@code application.yml} ranks
 * {@code CIRCUIT_OPEN} below {@code UP} for the service's health, and above it in the {@code bank} health group.
 */
class BankHealthIndicator implements HealthIndicator {

    static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN",
            "The bank gave recent calls no answer: payments are declined 20091 and reversals deferred without calling it");

    private final CircuitBreaker circuitBreaker;

    BankHealthIndicator(CircuitBreaker circuitBreaker) {
        this.circuitBreaker = circuitBreaker;
    }

    @Override
    public Health health() {
        CircuitBreaker.State state = circuitBreaker.getState();
        CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
        Health.Builder health = switch (state) {
            case OPEN, FORCED_OPEN -> Health.status(CIRCUIT_OPEN);
            default -> Health.up();
        };
        health.withDetail("circuitBreaker", state.name())
                .withDetail("bufferedPayments", metrics.getNumberOfBufferedCalls())
                .withDetail("failedPayments", metrics.getNumberOfFailedCalls())
                .withDetail("declinedWithoutCalling", metrics.getNumberOfNotPermittedCalls());
        // Resilience4j says -1 until the window holds its minimum number of payments.
        if (metrics.getFailureRate() >= 0) {
            health.withDetail("failureRate", metrics.getFailureRate());
        }
        return health.build();
    }
}
