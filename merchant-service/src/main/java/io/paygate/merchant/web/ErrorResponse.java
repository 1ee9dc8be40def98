package io.paygate.merchant.web;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The error body of PayGate's REST APIs, as Checkout.com shapes it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorResponse(String requestId, String errorType, List<String> errorCodes) {
}
