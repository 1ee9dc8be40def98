package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Checkout.com's error body. */
@Schema(name = "ErrorResponse", description = "Why a request was refused.")
@JsonPropertyOrder({"request_id", "error_type", "error_codes"})
record ErrorResponse(
        @JsonProperty("request_id")
        @Schema(description = "The id of the request, also in the Cko-Request-Id response header; quote it to "
                + "support.", example = "0HL80RJLS76I7")
        String requestId,

        @JsonProperty("error_type")
        @Schema(description = "request_invalid: some fields or parameters are invalid, listed in error_codes; a "
                + "field whose value has the wrong JSON type (an object as the currency, a string as the source) is "
                + "one of them. request_malformed: the body is not a JSON object, or not JSON (Content-Type). "
                + "idempotency_key_in_use: the first request with this idempotency key has not been answered yet; "
                + "retry a little later. idempotency_key_reused: the idempotency key was first used for a different "
                + "request. not_found (404, error code path_not_found): no such path. method_not_allowed (405, "
                + "with an Allow header): the path does not take this method. action_not_allowed (403): the "
                + "payment's state does not allow the capture, void or refund. payment_busy (409): other actions "
                + "on the payment won every race with this one; ask again.",
                example = "request_invalid",
                allowableValues = {"request_invalid", "request_malformed", "idempotency_key_in_use",
                        "idempotency_key_reused", "not_found", "method_not_allowed", "action_not_allowed",
                        "payment_busy"})
        String errorType,

        @JsonProperty("error_codes")
        @ArraySchema(arraySchema = @Schema(description = "Every invalid field or parameter, by Checkout.com error "
                + "code; empty for the other error types, except path_not_found for not_found."),
                schema = @Schema(example = "card_number_invalid", allowableValues = {
                        "payment_source_required", "source_type_invalid", "card_number_required",
                        "card_number_invalid", "card_expiry_month_required", "card_expiry_month_invalid",
                        "card_expiry_year_required", "card_expiry_year_invalid", "card_expired", "cvv_invalid",
                        "amount_required", "amount_invalid", "currency_required", "currency_invalid",
                        "currency_not_supported", "reference_required", "reference_invalid", "description_invalid",
                        "metadata_invalid", "idempotency_key_invalid", "capture_invalid", "capture_on_invalid",
                        "capture_type_invalid", "capture_value_greater_than_authorized", "amount_exceeds_balance",
                        "paging_limit_invalid", "paging_skip_invalid"}))
        List<String> errorCodes) {

    static final String REQUEST_INVALID = "request_invalid";
    static final String REQUEST_MALFORMED = "request_malformed";
    static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
    static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    static final String ACTION_NOT_ALLOWED = "action_not_allowed";
    static final String PAYMENT_BUSY = "payment_busy";
    static final String SERVICE_UNAVAILABLE = "service_unavailable";
    static final String STORE_UNAVAILABLE = "store_unavailable";
}
