package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.paygate.payment.application.PaymentInput;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /payments}. Every field is read as a JSON node, whatever its type, so that validation sees
 * what the merchant sent and reports a wrong one under the field's error code (422) instead of the parser refusing the
 * body (400): {@code 10.5} or {@code "1050"} as an amount, {@code {"$gt": ""}} as a currency, {@code 5} as metadata.
 * The types in the API description are those given in {@code @Schema}.
 */
@Schema(name = "PaymentRequest", description = "A request to take a card payment (Checkout.com-compatible subset).")
record PaymentRequest(
        @Schema(description = "The card to charge.", implementation = CardSource.class,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode source,

        @Schema(description = "The amount in the minor unit of the currency, as an integer from 1 to 9999999999: "
                + "pence for GBP (1050 is £10.50), yen for JPY, which has no minor unit (1050 is ¥1050), fils for "
                + "BHD (1050 is 1.050 BHD). A fraction, a string or a larger number is refused, never rounded.",
                implementation = Long.class, example = "1050", minimum = "1", maximum = "9999999999",
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode amount,

        @Schema(description = "ISO 4217 currency code, one of those in the merchant's contract.", example = "GBP",
                pattern = "^[A-Z]{3}$", implementation = String.class, requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode currency,

        @Schema(description = "The merchant's reference for the payment, e.g. an order number; "
                + "GET /payments?reference= finds the payments that have it.", example = "ORD-5023", maxLength = 80,
                implementation = String.class)
        JsonNode reference,

        @Schema(description = "A description of the payment.", example = "Two books", maxLength = 100,
                implementation = String.class)
        JsonNode description,

        @Schema(description = "The merchant's own key-value data, returned as given by GET /payments/{id}: at most 20 "
                + "fields, keys of 1 to 100 characters, each value a string, number or boolean of at most 255 "
                + "characters; no objects or arrays.", example = "{\"order_id\": \"5023\"}", implementation = Map.class)
        JsonNode metadata,

        @Schema(description = "Whether the gateway captures the payment in full once it is authorised (true, the "
                + "default), or leaves it Authorized for POST /payments/{id}/captures or /voids. An authorisation "
                + "nobody captures within 7 days is voided (Expired).", implementation = Boolean.class,
                example = "true", defaultValue = "true")
        JsonNode capture,

        @JsonProperty("capture_on")
        @Schema(description = "When to capture the payment in full (ISO-8601 UTC, e.g. 2030-02-01T09:00:00Z): "
                + "implies capture true, and contradicts capture false. A time already past captures at once.",
                implementation = Instant.class, example = "2030-02-01T09:00:00Z")
        JsonNode captureOn) {

    PaymentInput toInput(List<String> idempotencyKeys) {
        return new PaymentInput(source(source), jsonText(amount), value(currency), value(reference),
                value(description), value(metadata), value(capture), value(captureOn), idempotencyKeys);
    }

    private static Object source(JsonNode node) {
        if (node == null || !node.isObject()) {
            return value(node);
        }
        return new PaymentInput.CardInput(value(node.get(CardSource.TYPE)), value(node.get(CardSource.NUMBER)),
                jsonText(node.get(CardSource.EXPIRY_MONTH)), jsonText(node.get(CardSource.EXPIRY_YEAR)),
                value(node.get(CardSource.CVV)));
    }

    /** JSON text, for numbers: {@code 1050}, {@code 10.5}, {@code "1050"}; {@code null} when absent or null. */
    static String jsonText(JsonNode node) {
        return absent(node) ? null : node.toString();
    }

    /** The plain value of a node, as {@link PaymentInput} carries it; {@code null} when absent or null. */
    static Object value(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>(node.size());
            node.forEach(element -> values.add(value(element)));
            return values;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), value(field.getValue())));
        return fields;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Never shows the source, which holds the card number and the CVV, whatever logs this request. */
    @Override
    public String toString() {
        return "PaymentRequest[source=" + (source == null ? null : "***") + ", amount=" + amount
                + ", currency=" + currency + ", reference=" + reference + ", description=" + description
                + ", metadata=" + metadata + ", capture=" + capture + ", captureOn=" + captureOn + "]";
    }

    /** Describes a card source in the API description; {@link #source} reads it from the request's node. */
    @Schema(name = "CardSource", description = "A card given in full.")
    record CardSource(
            @Schema(description = "The kind of source; only cards are accepted.", example = "card",
                    allowableValues = "card", requiredMode = Schema.RequiredMode.REQUIRED)
            String type,

            @Schema(description = "The card number: 13 to 19 digits with a valid Luhn check digit. Never stored.",
                    example = "4111111111111111", pattern = "^[0-9]{13,19}$",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String number,

            @JsonProperty("expiry_month")
            @Schema(description = "Expiry month, 1 to 12.", implementation = Integer.class, example = "12",
                    minimum = "1", maximum = "12", requiredMode = Schema.RequiredMode.REQUIRED)
            JsonNode expiryMonth,

            @JsonProperty("expiry_year")
            @Schema(description = "Expiry year, four digits. A card is valid until the end of its expiry month (UTC).",
                    implementation = Integer.class, example = "2030", minimum = "1000", maximum = "9999",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            JsonNode expiryYear,

            @Schema(description = "The card security code: 3 digits, 4 for American Express. Optional; never stored.",
                    example = "123", pattern = "^[0-9]{3,4}$")
            String cvv,

            @Schema(description = "The cardholder's name; accepted for compatibility, not stored.",
                    example = "Jane Doe")
            String name) {

        static final String TYPE = "type";
        static final String NUMBER = "number";
        static final String EXPIRY_MONTH = "expiry_month";
        static final String EXPIRY_YEAR = "expiry_year";
        static final String CVV = "cvv";
    }
}
