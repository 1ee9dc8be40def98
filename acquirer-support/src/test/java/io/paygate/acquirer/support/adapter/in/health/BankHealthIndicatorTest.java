package io.paygate.acquirer.support.adapter.in.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BankHealthIndicatorTest {

    private final CircuitBreaker circuitBreaker = CircuitBreaker.of("acquiringBank",
            new BankCallSettings.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1), 2).config());
    private final BankHealthIndicator indicator = new BankHealthIndicator(circuitBreaker);

    @Test
    void is_up_while_payments_reach_the_bank() {
        circuitBreaker.onSuccess(10, TimeUnit.MILLISECONDS);
        circuitBreaker.onError(10, TimeUnit.MILLISECONDS, new BankUnreachableException("503"));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("circuitBreaker", "CLOSED")
                .containsEntry("bufferedPayments", 2)
                .containsEntry("failedPayments", 1)
                .containsEntry("declinedWithoutCalling", 0L)
                .doesNotContainKey("failureRate");
    }

    @Test
    void reports_an_open_circuit_with_its_own_status_and_its_failure_rate() {
        for (int i = 0; i < 4; i++) {
            circuitBreaker.onError(10, TimeUnit.MILLISECONDS, new BankUnreachableException("503"));
        }
        circuitBreaker.tryAcquirePermission();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(BankHealthIndicator.CIRCUIT_OPEN);
        assertThat(health.getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
        assertThat(health.getDetails())
                .containsEntry("circuitBreaker", "OPEN")
                .containsEntry("failureRate", 100.0f)
                .containsEntry("declinedWithoutCalling", 1L);
    }

    @Test
    void is_up_while_trial_payments_go_through() {
        circuitBreaker.transitionToOpenState();
        circuitBreaker.transitionToHalfOpenState();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("circuitBreaker", "HALF_OPEN");
    }
}
