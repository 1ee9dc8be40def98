package io.paygate.lionbank.web;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The simulator's HTTP error body, {@code {"error_message": "..."}}, as the Piggy Bank's. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ErrorMessage(String errorMessage) {
}
