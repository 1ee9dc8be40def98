package io.paygate.webhook.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Checkout.com's error body. Its schema has a name of its own: the gateway's Swagger UI shows it beside
 * payment-service's and merchant-service's, whose error codes differ.
 */
@Schema(name = "WebhookErrorResponse", description = "Why a webhooks request was refused.")
@JsonPropertyOrder({"request_id", "error_type", "error_codes"})
record ErrorResponse(
        @JsonProperty("request_id")
        @Schema(description = "The request's id, as the gateway gave it (also in the Cko-Request-Id header).",
                example = "0HL80RJLS76I7")
        String requestId,
        @JsonProperty("error_type")
        @Schema(description = "request_invalid: some fields or paging parameters are invalid, or the merchant has as "
                + "many endpoints as it may; request_malformed: the body is not a JSON object, or not JSON.",
                example = "request_invalid", allowableValues = {"request_invalid", "request_malformed"})
        String errorType,
        @JsonProperty("error_codes")
        @Schema(description = "Every invalid field, by error code; empty when the body is malformed.",
                example = "[\"url_invalid\", \"event_types_invalid\"]")
        @ArraySchema(schema = @Schema(description = "An error code.", example = "url_invalid",
                allowableValues = {"url_required", "url_invalid",
                        "active_invalid", "headers_invalid", "content_type_invalid", "event_types_invalid",
                        "webhook_limit_reached", "limit_invalid", "skip_invalid"}))
        List<String> errorCodes) {

    static final String REQUEST_INVALID = "request_invalid";
    static final String REQUEST_MALFORMED = "request_malformed";
    static final String WEBHOOK_LIMIT_REACHED = "webhook_limit_reached";
}
