package io.paygate.piggybank.web;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The bank's error body, {@code {"error_message": "..."}}, as in the challenge's simulator. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorMessage(String errorMessage) {
}
