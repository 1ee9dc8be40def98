package io.paygate.piggybank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated bank behaves from start. Latency and faults are only the starting point: they can be
 * changed at run time over {@code PUT /simulator/faults} and restored with {@code DELETE /simulator/faults}.
 */
@ConfigurationProperties("piggybank")
public record PiggybankProperties(
        @DefaultValue Latency latency,
        @DefaultValue Faults faults,
        @DefaultValue Idempotency idempotency) {

    /** Every well-formed {@code POST /payments}, capture, void and refund and every reversal waits {@code fixed} plus a uniform random part of {@code jitter}. */
    public record Latency(@DefaultValue("0ms") Duration fixed, @DefaultValue("0ms") Duration jitter) {
        public Latency {
            if (fixed.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("piggybank.latency.fixed and .jitter must not be negative");
            }
        }
    }

    /**
     * Failures of a bank that tests and benchmarks need on demand.
     *
     * @param unavailableRate probability (0 to 1) that a well-formed authorisation, capture, void or refund is answered
     *                        503 without being decided
     * @param hangRate        probability (0 to 1) that a well-formed authorisation or action gets no answer for
     *                        {@code hangFor}, then a 503, so that the caller's read timeout fires first
     * @param hangFor         how long a hanging request waits before its 503
     * @param down            every authorisation, action and reversal is answered 503 at once
     */
    public record Faults(
            @DefaultValue("0") double unavailableRate,
            @DefaultValue("0") double hangRate,
            @DefaultValue("30s") Duration hangFor,
            @DefaultValue("false") boolean down) {
        public Faults {
            if (!(unavailableRate >= 0 && unavailableRate <= 1) || !(hangRate >= 0 && hangRate <= 1)) {
                throw new IllegalArgumentException(
                        "piggybank.faults.unavailable-rate and .hang-rate must be between 0 and 1");
            }
            if (hangFor.isNegative()) {
                throw new IllegalArgumentException("piggybank.faults.hang-for must not be negative");
            }
        }
    }

    /**
     * Memory stays bounded: the answers of the most recent {@code rememberedKeys} idempotency keys are kept
     * for replays and reversals, and as many older approved keys are kept without their answers, only to
     * notice a second approval of one of them. Measured: about 400 bytes per key for both, so about 40 MB
     * when the default 100,000 are full. Up to as many keys reversed before their authorisation arrived are kept
     * as well, each without an answer like a forgotten approval, so that the authorisation is refused if it comes.
     * An approval's balance (captured, refunded) is kept with its answer; the answers of the most recent
     * {@code rememberedKeys} capture, void and refund keys are kept as well.
     */
    public record Idempotency(@DefaultValue("100000") int rememberedKeys) {
        public Idempotency {
            if (rememberedKeys < 1) {
                throw new IllegalArgumentException("piggybank.idempotency.remembered-keys must be at least 1");
            }
        }
    }
}
