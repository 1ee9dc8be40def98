package io.paygate.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Collects what is wrong with a {@link KnobsChange}, field by field, so that one answer names every offending field.
 * A field left out of the change ({@code null}) is never a problem.
 */
public final class ChangeProblems {

    private final List<String> problems = new ArrayList<>();

    /** Unknown fields are refused rather than ignored, so that a misspelt knob does not silently do nothing. */
    public ChangeProblems unknownFields(@Nullable Map<String, ?> fields) {
        if (fields != null && !fields.isEmpty()) {
            problems.add("Unknown field(s): " + String.join(", ", new TreeSet<>(fields.keySet())));
        }
        return this;
    }

    public ChangeProblems rate(String field, @Nullable Double value) {
        if (value != null && !Knobs.isRate(value)) {
            problems.add(field + " must be between 0 and 1");
        }
        return this;
    }

    public ChangeProblems nonNegative(String field, @Nullable Long value) {
        if (value != null && value < 0) {
            problems.add(field + " must not be negative");
        }
        return this;
    }

    public Optional<String> summary() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
