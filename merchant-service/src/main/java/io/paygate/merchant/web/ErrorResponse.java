package io.paygate.merchant.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The error body of PayGate's REST APIs, as Checkout.com shapes it. Its schema has a name of its own: the gateway's
 * Swagger UI and the committed specification show it beside payment-service's, whose error codes differ.
 */
@Schema(name = "AdminErrorResponse", description = "Why an admin request was refused.")
@JsonPropertyOrder({"request_id", "error_type", "error_codes"})
public record ErrorResponse(
        @JsonProperty("request_id")
        @Schema(description = "The request's id, as the gateway gave it (also in the Cko-Request-Id header).",
                example = "0HL80RJLS76I7")
        String requestId,
        @JsonProperty("error_type")
        @Schema(description = "request_invalid: some fields are invalid; request_malformed: the body is not JSON.",
                example = "request_invalid", allowableValues = {"request_invalid", "request_malformed"})
        String errorType,
        @JsonProperty("error_codes")
        @Schema(description = "Every invalid field, by error code; empty when the body is not JSON.",
                example = "[\"acquirer_not_supported\", \"currency_invalid\"]")
        List<String> errorCodes) {
}
