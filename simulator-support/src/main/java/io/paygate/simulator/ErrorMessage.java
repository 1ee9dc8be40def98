package io.paygate.simulator;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A simulator's HTTP error body, {@code {"error_message": "..."}}, as in the challenge's Piggy Bank simulator. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorMessage(String errorMessage) {
}
