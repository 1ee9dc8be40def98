package io.paygate.acquirer.support.configuration;

import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BankRetryPolicyTest {

    private static final BankCallSettings.Retry DEFAULTS = new BankCallSettings.Retry(
            3, Duration.ofMillis(200), 2, Duration.ofSeconds(2), Duration.ofMillis(100));

    @RepeatedTest(20)
    void backs_off_exponentially_around_the_base_delay_then_gives_up_after_three_retries() {
        BackOffExecution backOff = DEFAULTS.policy().getBackOff().start();

        // Jitter is proportional: +-100 ms around 200 ms, +-200 ms around 400 ms, +-400 ms around 800 ms.
        assertThat(backOff.nextBackOff()).isBetween(200L, 300L);
        assertThat(backOff.nextBackOff()).isBetween(200L, 600L);
        assertThat(backOff.nextBackOff()).isBetween(400L, 1200L);
        assertThat(backOff.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void spreads_the_retries_of_different_payments_apart() {
        Set<Long> firstDelays = new HashSet<>();
        IntStream.range(0, 50).forEach(i -> firstDelays.add(DEFAULTS.policy().getBackOff().start().nextBackOff()));

        assertThat(firstDelays).hasSizeGreaterThan(5);
    }

    @Test
    void never_waits_longer_than_the_maximum_delay() {
        var retry = new BankCallSettings.Retry(8, Duration.ofMillis(200), 2, Duration.ofSeconds(1), Duration.ofMillis(100));
        BackOffExecution backOff = retry.policy().getBackOff().start();

        IntStream.range(0, 8).forEach(i -> assertThat(backOff.nextBackOff()).isBetween(0L, 1000L));
    }

    @Test
    void retries_only_when_the_bank_gave_no_answer() {
        RetryPolicy policy = DEFAULTS.policy();

        assertThat(policy.shouldRetry(new BankUnreachableException("503"))).isTrue();
        assertThat(policy.shouldRetry(new IllegalStateException("a bug"))).isFalse();
    }
}
