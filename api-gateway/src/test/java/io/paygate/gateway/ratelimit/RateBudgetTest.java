package io.paygate.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final RateBudget budget = new RateBudget(Duration.ofSeconds(60), 100, now::get);

    @Test
    void allows_the_whole_budget_at_once_then_one_event_per_share_of_the_window() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.retryAfter("10.0.0.1", 3)).as("failure %d", i + 1).isZero();
            budget.spend("10.0.0.1", 3);
        }

        assertThat(budget.retryAfter("10.0.0.1", 3)).isEqualTo(Duration.ofSeconds(20));
        now.addAndGet(Duration.ofSeconds(19).toNanos());
        assertThat(budget.retryAfter("10.0.0.1", 3)).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.retryAfter("10.0.0.1", 3)).isZero();
        budget.spend("10.0.0.1", 3);
        assertThat(budget.retryAfter("10.0.0.1", 3)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void keeps_each_keys_budget_apart_and_refills_it_fully_after_the_window() {
        for (int i = 0; i < 3; i++) {
            budget.spend("10.0.0.1", 3);
        }

        assertThat(budget.retryAfter("10.0.0.2", 3)).isZero();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(budget.retryAfter("10.0.0.1", 3)).isZero();
            budget.spend("10.0.0.1", 3);
        }
        assertThat(budget.retryAfter("10.0.0.1", 3)).isPositive();
    }

    @Test
    void admits_the_limit_at_once_and_refuses_the_next_event_without_spending_it() {
        for (int i = 0; i < 4; i++) {
            assertThat(budget.trySpend("mer_a", 4)).as("request %d", i + 1).isZero();
        }

        assertThat(budget.trySpend("mer_a", 4)).isEqualTo(Duration.ofSeconds(15));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(budget.trySpend("mer_a", 4)).as("a refusal spent nothing").isEqualTo(Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(budget.trySpend("mer_a", 4)).isZero();
        assertThat(budget.trySpend("mer_a", 4)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void applies_to_each_key_the_limit_it_is_given() {
        for (int i = 0; i < 2; i++) {
            assertThat(budget.trySpend("mer_small", 2)).isZero();
        }
        for (int i = 0; i < 6; i++) {
            assertThat(budget.trySpend("mer_large", 6)).isZero();
        }

        assertThat(budget.trySpend("mer_small", 2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(budget.trySpend("mer_large", 6)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void never_admits_more_than_the_limit_to_concurrent_callers() {
        AtomicInteger admitted = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1000; i++) {
                threads.submit(() -> {
                    if (budget.trySpend("mer_busy", 100).isZero()) {
                        admitted.incrementAndGet();
                    }
                });
            }
        }

        assertThat(admitted).hasValue(100);
    }

    @Test
    void refuses_a_limit_below_one() {
        assertThatIllegalArgumentException().isThrownBy(() -> budget.trySpend("mer_a", 0));
    }
}
