package io.paygate.lionbank.behaviour;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.simulator.Knobs;

/**
 * One consistent set of the simulator's knobs. Immutable, so a request reads every knob from the same set even
 * while {@code PUT /simulator/faults} replaces it.
 *
 * @param latencyFixed  each answer to any request but an echo waits this long
 * @param latencyJitter plus a uniform random part of this
 * @param dropRate      probability (0 to 1) that any request but an echo is read and never answered
 * @param closeRate     probability (0 to 1) that the connection is closed after reading any request but an echo
 * @param down          the host refuses connections and closes the open ones
 */
public record FaultSettings(Duration latencyFixed, Duration latencyJitter, double dropRate, double closeRate,
                            boolean down) {

    public FaultSettings {
        Objects.requireNonNull(latencyFixed, "latencyFixed");
        Objects.requireNonNull(latencyJitter, "latencyJitter");
        if (latencyFixed.isNegative() || latencyJitter.isNegative()) {
            throw new IllegalArgumentException("Latencies must not be negative: " + latencyFixed + ", " + latencyJitter);
        }
        if (!Knobs.isRate(dropRate) || !Knobs.isRate(closeRate)) {
            throw new IllegalArgumentException("Rates must be between 0 and 1: " + dropRate + ", " + closeRate);
        }
    }

    public static FaultSettings configured(LionbankProperties properties) {
        LionbankProperties.Latency latency = properties.latency();
        LionbankProperties.Faults faults = properties.faults();
        return new FaultSettings(latency.fixed(), latency.jitter(), faults.dropRate(), faults.closeRate(), faults.down());
    }

    /** The wait for one answer: the fixed latency plus a uniform random part of the jitter. */
    public Duration latency(RandomGenerator random) {
        return Knobs.latency(latencyFixed, latencyJitter, random);
    }

    public boolean closes(RandomGenerator random) {
        return Knobs.strikes(closeRate, random);
    }

    public boolean drops(RandomGenerator random) {
        return Knobs.strikes(dropRate, random);
    }
}
