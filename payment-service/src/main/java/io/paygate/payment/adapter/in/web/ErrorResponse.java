package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Checkout.com's error body. */
@Schema(name = "ErrorResponse", description = "Why a request was refused.")
@JsonPropertyOrder({"request_id", "error_type", "error_codes"})
record ErrorResponse(
        @JsonProperty("request_id") @Schema(example = "0HL80RJLS76I7") String requestId,
        @JsonProperty("error_type")
        @Schema(description = "request_invalid: some fields are invalid; request_malformed: the body is not JSON.",
                example = "request_invalid", allowableValues = {"request_invalid", "request_malformed"})
        String errorType,
        @JsonProperty("error_codes")
        @Schema(description = "Every invalid field, by Checkout.com error code.",
                example = "[\"card_number_invalid\", \"currency_not_supported\"]")
        List<String> errorCodes) {

    static final String REQUEST_INVALID = "request_invalid";
    static final String REQUEST_MALFORMED = "request_malformed";
}
