package io.paygate.piggybank.behaviour;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.simulator.Knobs;

/**
 * One consistent set of the simulator's knobs. Immutable, so a request reads every knob from the same set even
 * while {@code PUT /simulator/faults} replaces it.
 *
 * @param latencyFixed    every well-formed authorisation, capture, void and refund and every reversal waits this long
 * @param latencyJitter   plus a uniform random part of this
 * @param unavailableRate probability (0 to 1) that a well-formed authorisation or action is answered 503 without being
 *                        decided
 * @param hangRate        probability (0 to 1) that a well-formed authorisation or action is held for {@code hangFor},
 *                        then answered 503
 * @param hangFor         how long a hanging request is held
 * @param down            every authorisation, action and reversal is answered 503 at once
 */
public record FaultSettings(
        Duration latencyFixed,
        Duration latencyJitter,
        double unavailableRate,
        double hangRate,
        Duration hangFor,
        boolean down) {

    public FaultSettings {
        Objects.requireNonNull(latencyFixed, "latencyFixed");
        Objects.requireNonNull(latencyJitter, "latencyJitter");
        Objects.requireNonNull(hangFor, "hangFor");
        if (latencyFixed.isNegative() || latencyJitter.isNegative() || hangFor.isNegative()) {
            throw new IllegalArgumentException(
                    "Durations must not be negative: " + latencyFixed + ", " + latencyJitter + ", " + hangFor);
        }
        if (!Knobs.isRate(unavailableRate) || !Knobs.isRate(hangRate)) {
            throw new IllegalArgumentException("Rates must be between 0 and 1: " + unavailableRate + ", " + hangRate);
        }
    }

    public static FaultSettings configured(PiggybankProperties properties) {
        PiggybankProperties.Latency latency = properties.latency();
        PiggybankProperties.Faults faults = properties.faults();
        return new FaultSettings(latency.fixed(), latency.jitter(),
                faults.unavailableRate(), faults.hangRate(), faults.hangFor(), faults.down());
    }

    /** The wait for one request: the fixed latency plus a uniform random part of the jitter. */
    public Duration latency(RandomGenerator random) {
        return Knobs.latency(latencyFixed, latencyJitter, random);
    }

    /** Whether a request hangs: never at rate 0, always at rate 1 ({@code nextDouble} stays below 1). */
    public boolean hangs(RandomGenerator random) {
        return Knobs.strikes(hangRate, random);
    }

    /** Whether a request is answered 503 instead of being decided: never at rate 0, always at rate 1. */
    public boolean failsAtRandom(RandomGenerator random) {
        return Knobs.strikes(unavailableRate, random);
    }
}
