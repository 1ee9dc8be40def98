package io.paygate.piggybank.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FaultSettingsTests {

    private static final Duration NONE = Duration.ZERO;
    private static final int DRAWS = 100_000;

    // Seeded, so that the proportions below are the same on every run.
    private final RandomGenerator random = new SplittableRandom(20260401);

    @Test
    void never_fails_at_a_rate_of_zero_and_always_at_a_rate_of_one() {
        FaultSettings never = new FaultSettings(NONE, NONE, 0, 0, NONE, false);
        FaultSettings always = new FaultSettings(NONE, NONE, 1, 1, NONE, false);

        assertThat(IntStream.range(0, DRAWS).filter(i -> never.failsAtRandom(random) || never.hangs(random))).isEmpty();
        assertThat(IntStream.range(0, DRAWS).allMatch(i -> always.failsAtRandom(random) && always.hangs(random))).isTrue();
    }

    @Test
    void fails_and_hangs_about_as_often_as_their_rates_say() {
        FaultSettings settings = new FaultSettings(NONE, NONE, 0.3, 0.05, NONE, false);

        long failures = IntStream.range(0, DRAWS).filter(i -> settings.failsAtRandom(random)).count();
        long hangs = IntStream.range(0, DRAWS).filter(i -> settings.hangs(random)).count();

        assertThat((double) failures / DRAWS).isCloseTo(0.3, within(0.01));
        assertThat((double) hangs / DRAWS).isCloseTo(0.05, within(0.005));
    }

    @Test
    void waits_the_fixed_latency_plus_part_of_the_jitter() {
        FaultSettings settings = new FaultSettings(Duration.ofMillis(200), Duration.ofMillis(50), 0, 0, NONE, false);

        assertThat(IntStream.range(0, 1_000).mapToObj(i -> settings.latency(random)))
                .allSatisfy(latency -> assertThat(latency).isBetween(Duration.ofMillis(200), Duration.ofMillis(250)))
                .anySatisfy(latency -> assertThat(latency).isGreaterThan(Duration.ofMillis(225)))
                .anySatisfy(latency -> assertThat(latency).isLessThan(Duration.ofMillis(225)));
    }

    @Test
    void waits_exactly_the_fixed_latency_without_jitter() {
        FaultSettings settings = new FaultSettings(Duration.ofMillis(200), NONE, 0, 0, NONE, false);

        assertThat(settings.latency(random)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refuses_rates_outside_zero_to_one() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(NONE, NONE, 1.01, 0, NONE, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(NONE, NONE, 0, -0.01, NONE, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(NONE, NONE, Double.NaN, 0, NONE, false));
    }

    @Test
    void refuses_negative_durations() {
        Duration negative = Duration.ofMillis(-1);

        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(negative, NONE, 0, 0, NONE, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(NONE, negative, 0, 0, NONE, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultSettings(NONE, NONE, 0, 0, negative, false));
    }
}
