package io.paygate.piggybank.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.paygate.piggybank.behaviour.FaultSettings;
import io.paygate.simulator.ChangeProblems;
import io.paygate.simulator.KnobsChange;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code PUT /simulator/faults}: the knobs to change, every other one keeps its value. Unknown
 * fields are collected rather than ignored, so that a misspelt knob is refused instead of silently doing nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FaultsChange(
        @Nullable Long latencyFixedMs,
        @Nullable Long latencyJitterMs,
        @Nullable Double unavailableRate,
        @Nullable Double hangRate,
        @Nullable Long hangForMs,
        @Nullable Boolean down,
        @JsonAnySetter @Nullable Map<String, Object> unknownFields) implements KnobsChange<FaultSettings> {

    @Override
    public Optional<String> problem() {
        return new ChangeProblems()
                .unknownFields(unknownFields)
                .rate("unavailable_rate", unavailableRate)
                .rate("hang_rate", hangRate)
                .nonNegative("latency_fixed_ms", latencyFixedMs)
                .nonNegative("latency_jitter_ms", latencyJitterMs)
                .nonNegative("hang_for_ms", hangForMs)
                .summary();
    }

    @Override
    public FaultSettings applyTo(FaultSettings current) {
        return new FaultSettings(
                latencyFixedMs == null ? current.latencyFixed() : Duration.ofMillis(latencyFixedMs),
                latencyJitterMs == null ? current.latencyJitter() : Duration.ofMillis(latencyJitterMs),
                unavailableRate == null ? current.unavailableRate() : unavailableRate,
                hangRate == null ? current.hangRate() : hangRate,
                hangForMs == null ? current.hangFor() : Duration.ofMillis(hangForMs),
                down == null ? current.down() : down);
    }
}
