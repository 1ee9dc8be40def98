package io.paygate.lionbank.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.paygate.lionbank.behaviour.FaultSettings;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code PUT /simulator/faults}: the knobs to change, every other one keeps its value. Unknown fields
 * are collected rather than ignored, so that a misspelt knob is refused instead of silently doing nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FaultsChange(
        @Nullable Long latencyFixedMs,
        @Nullable Long latencyJitterMs,
        @Nullable Double dropRate,
        @Nullable Double closeRate,
        @Nullable Boolean down,
        @JsonAnySetter @Nullable Map<String, Object> unknownFields) {

    /** Why this change cannot be applied, naming every offending field, or empty when it can. */
    Optional<String> problem() {
        List<String> problems = new ArrayList<>();
        if (unknownFields != null && !unknownFields.isEmpty()) {
            problems.add("Unknown field(s): " + String.join(", ", new TreeSet<>(unknownFields.keySet())));
        }
        if (dropRate != null && !FaultSettings.isRate(dropRate)) {
            problems.add("drop_rate must be between 0 and 1");
        }
        if (closeRate != null && !FaultSettings.isRate(closeRate)) {
            problems.add("close_rate must be between 0 and 1");
        }
        if (latencyFixedMs != null && latencyFixedMs < 0) {
            problems.add("latency_fixed_ms must not be negative");
        }
        if (latencyJitterMs != null && latencyJitterMs < 0) {
            problems.add("latency_jitter_ms must not be negative");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** For a change without a problem; a pure function, as {@code SimulatedFaults.change} requires. */
    FaultSettings applyTo(FaultSettings current) {
        return new FaultSettings(
                latencyFixedMs == null ? current.latencyFixed() : Duration.ofMillis(latencyFixedMs),
                latencyJitterMs == null ? current.latencyJitter() : Duration.ofMillis(latencyJitterMs),
                dropRate == null ? current.dropRate() : dropRate,
                closeRate == null ? current.closeRate() : closeRate,
                down == null ? current.down() : down);
    }
}
