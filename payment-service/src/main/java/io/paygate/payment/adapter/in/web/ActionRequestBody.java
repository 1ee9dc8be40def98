package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.paygate.payment.application.ActionInput;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The body of a capture, void or refund request, which may be empty and come without a content type (Checkout.com's
 * Java SDK sends none for an action without fields). Its fields are read as JSON nodes like a payment request's, so a
 * value of the wrong type is reported under its field's error code; the types in the API description are those of
 * {@link Capture}, {@link Void} and {@link Refund}.
 */
final class ActionRequestBody {

    private static final String REFERENCE = "Your reference for the action, at most 80 characters.";
    private static final String METADATA = "Your own key-value data for the action, with the rules of a payment's "
            + "metadata; returned by GET /payments/{id}/actions.";

    private ActionRequestBody() {
    }

    /**
     * The fields of the body, as sent.
     *
     * @throws BodyNotAnObjectException when there is a body and it is not a JSON object
     */
    static ActionInput read(byte[] body, JsonMapper json, List<String> idempotencyKeys) {
        JsonNode fields = parse(body, json);
        return new ActionInput(PaymentRequest.jsonText(fields.get("amount")),
                PaymentRequest.value(fields.get("capture_type")), PaymentRequest.value(fields.get("reference")),
                PaymentRequest.value(fields.get("metadata")), idempotencyKeys);
    }

    private static JsonNode parse(byte[] body, JsonMapper json) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // The parser's message may quote the body: it is not passed on.
        }
        throw new BodyNotAnObjectException();
    }

    /** A body that is not a JSON object: answered 400 {@code request_malformed}. */
    static final class BodyNotAnObjectException extends RuntimeException {

        BodyNotAnObjectException() {
            super("The body is not a JSON object", null, false, false);
        }
    }

    @Schema(name = "CaptureRequest", description = "A capture of an authorised payment. Every field is optional.")
    record Capture(
            @Schema(description = "Minor units to capture; all that can still be captured when absent. At most what "
                    + "is authorised and not captured yet.", example = "500", minimum = "1") Long amount,
            @JsonProperty("capture_type")
            @Schema(description = "Final (the default) ends the authorisation: what it does not capture is released. "
                    + "NonFinal leaves the rest to capture later.", allowableValues = {"Final", "NonFinal"},
                    defaultValue = "Final", example = "NonFinal") String captureType,
            @Schema(description = REFERENCE, example = "SHIP-5023-1", maxLength = 80) String reference,
            @Schema(description = METADATA, example = "{\"shipment\": \"1\"}") Map<String, Object> metadata) {
    }

    @Schema(name = "VoidRequest", description = "A void of an authorisation nothing was captured from. Every field "
            + "is optional.")
    record Void(
            @Schema(description = REFERENCE, example = "CANCEL-5023", maxLength = 80) String reference,
            @Schema(description = METADATA, example = "{\"reason\": \"out of stock\"}") Map<String, Object> metadata) {
    }

    @Schema(name = "RefundRequest", description = "A refund of a captured payment. Every field is optional.")
    record Refund(
            @Schema(description = "Minor units to refund; all that was captured and not refunded yet when absent.",
                    example = "500", minimum = "1") Long amount,
            @Schema(description = REFERENCE, example = "RET-5023-1", maxLength = 80) String reference,
            @Schema(description = METADATA, example = "{\"return\": \"1\"}") Map<String, Object> metadata) {
    }
}
