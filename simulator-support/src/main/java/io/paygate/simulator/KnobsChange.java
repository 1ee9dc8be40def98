package io.paygate.simulator;

import java.util.Optional;

/**
 * The body of {@code PUT /simulator/faults}: the knobs to change in settings {@code S}, every other one keeping its
 * value.
 */
public interface KnobsChange<S> {

    /** Why this change cannot be applied, naming every offending field, or empty when it can. */
    Optional<String> problem();

    /** For a change without a problem; a pure function, as {@link FaultKnobs#change} requires. */
    S applyTo(S current);
}
