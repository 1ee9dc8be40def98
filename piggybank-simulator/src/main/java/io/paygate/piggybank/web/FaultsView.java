package io.paygate.piggybank.web;

import io.paygate.piggybank.behaviour.FaultSettings;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The body of {@code GET}, {@code PUT} and {@code DELETE /simulator/faults}: the knobs in effect now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FaultsView(
        long latencyFixedMs,
        long latencyJitterMs,
        double unavailableRate,
        double hangRate,
        long hangForMs,
        boolean down) {

    static FaultsView of(FaultSettings settings) {
        return new FaultsView(settings.latencyFixed().toMillis(), settings.latencyJitter().toMillis(),
                settings.unavailableRate(), settings.hangRate(), settings.hangFor().toMillis(), settings.down());
    }
}
