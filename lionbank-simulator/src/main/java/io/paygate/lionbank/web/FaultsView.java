package io.paygate.lionbank.web;

import io.paygate.lionbank.behaviour.FaultSettings;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The body of {@code GET}, {@code PUT} and {@code DELETE /simulator/faults}: the knobs in effect now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FaultsView(long latencyFixedMs, long latencyJitterMs, double dropRate, double closeRate, boolean down) {

    static FaultsView of(FaultSettings settings) {
        return new FaultsView(settings.latencyFixed().toMillis(), settings.latencyJitter().toMillis(),
                settings.dropRate(), settings.closeRate(), settings.down());
    }
}
