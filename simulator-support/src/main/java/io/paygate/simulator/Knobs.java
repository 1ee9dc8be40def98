package io.paygate.simulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** What a fault knob means, the same in every simulator: rates are probabilities, latency is fixed plus jitter. */
public final class Knobs {

    private Knobs() {
    }

    /** A probability; NaN is refused along with anything outside 0 to 1. */
    public static boolean isRate(double value) {
        return value >= 0 && value <= 1;
    }

    /** Whether a fault at {@code rate} strikes: never at rate 0, always at rate 1 ({@code nextDouble} stays below 1). */
    public static boolean strikes(double rate, RandomGenerator random) {
        return random.nextDouble() < rate;
    }

    /** The wait for one request: the fixed latency plus a uniform random part of the jitter. */
    public static Duration latency(Duration fixed, Duration jitter, RandomGenerator random) {
        // Saturates rather than overflows for an absurdly large jitter.
        long jitterNanos = TimeUnit.NANOSECONDS.convert(jitter);
        return jitterNanos == 0 ? fixed : fixed.plusNanos(random.nextLong(jitterNanos));
    }
}
