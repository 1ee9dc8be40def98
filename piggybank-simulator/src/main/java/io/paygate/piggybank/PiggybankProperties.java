package io.paygate.piggybank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated bank behaves. Fault knobs (a 503 rate, a hang rate, a bank-down switch) belong
 * here beside {@link Latency} when they are needed.
 */
@ConfigurationProperties("piggybank")
public record PiggybankProperties(@DefaultValue Latency latency, @DefaultValue Idempotency idempotency) {

    /** Every well-formed {@code POST /payments} waits {@code fixed} plus a uniform random part of {@code jitter}. */
    public record Latency(@DefaultValue("0ms") Duration fixed, @DefaultValue("0ms") Duration jitter) {
        public Latency {
            if (fixed.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("piggybank.latency.fixed and .jitter must not be negative");
            }
        }
    }

    /**
     * Memory stays bounded: the answers of the most recent {@code rememberedKeys} idempotency keys are kept
     * for replays and reversals, and as many older approved keys are kept without their answers, only to
     * notice a second approval of one of them. Measured: about 400 bytes per key for both, so about 40 MB
     * when the default 100,000 are full.
     */
    public record Idempotency(@DefaultValue("100000") int rememberedKeys) {
        public Idempotency {
            if (rememberedKeys < 1) {
                throw new IllegalArgumentException("piggybank.idempotency.remembered-keys must be at least 1");
            }
        }
    }
}
