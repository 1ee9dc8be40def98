package io.paygate.acquirer.support.adapter.out.observation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Locale;

/**
 * {@code paygate.acquirer.circuit.state}: 1 for the bank's circuit breaker's current state, 0 for the others, so a
 * dashboard shows the state and an alert fires on {@code state="open"} without knowing state codes.
 */
public class CircuitBreakerStateMetrics implements MeterBinder {

    private static final List<CircuitBreaker.State> SHOWN = List.of(CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.FORCED_OPEN,
            CircuitBreaker.State.DISABLED);

    private final CircuitBreaker circuitBreaker;
    private final String acquirer;

    public CircuitBreakerStateMetrics(CircuitBreaker circuitBreaker, String acquirer) {
        this.circuitBreaker = circuitBreaker;
        this.acquirer = acquirer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CircuitBreaker.State state : SHOWN) {
            Gauge.builder("paygate.acquirer.circuit.state", () -> circuitBreaker.getState() == state ? 1 : 0)
                    .description("1 for the state the bank's circuit breaker is in")
                    .tag("acquirer", acquirer)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
