package io.paygate.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailureBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final FailureBudget budget = new FailureBudget(3, Duration.ofSeconds(60), 100, now::get);

    @Test
    void allows_the_whole_budget_at_once_then_one_failure_per_share_of_the_period() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.retryAfter("10.0.0.1")).as("failure %d", i + 1).isZero();
            budget.fail("10.0.0.1");
        }

        assertThat(budget.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(20));
        now.addAndGet(Duration.ofSeconds(19).toNanos());
        assertThat(budget.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.retryAfter("10.0.0.1")).isZero();
        budget.fail("10.0.0.1");
        assertThat(budget.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void keeps_each_clients_budget_apart_and_refills_it_fully_after_the_period() {
        for (int i = 0; i < 3; i++) {
            budget.fail("10.0.0.1");
        }

        assertThat(budget.retryAfter("10.0.0.2")).isZero();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(budget.retryAfter("10.0.0.1")).isZero();
            budget.fail("10.0.0.1");
        }
        assertThat(budget.retryAfter("10.0.0.1")).isPositive();
    }
}
