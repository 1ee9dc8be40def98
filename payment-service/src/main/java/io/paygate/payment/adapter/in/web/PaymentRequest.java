package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.paygate.payment.application.PaymentInput;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /payments}. Numbers are read as JSON nodes, not Java numbers, so that validation sees what
 * the merchant sent: {@code 10.5} or {@code "1050"} as an amount is reported as invalid instead of being coerced.
 */
@Schema(name = "PaymentRequest", description = "A request to take a card payment (Checkout.com-compatible subset).")
record PaymentRequest(
        @Schema(description = "The card to charge.", requiredMode = Schema.RequiredMode.REQUIRED)
        CardSource source,

        @Schema(description = "The amount in the minor unit of the currency, as an integer from 1 to 9999999999: "
                + "pence for GBP (1050 is £10.50), yen for JPY, which has no minor unit (1050 is ¥1050), fils for "
                + "BHD (1050 is 1.050 BHD). A fraction, a string or a larger number is refused, never rounded.",
                implementation = Long.class, example = "1050", minimum = "1", maximum = "9999999999",
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode amount,

        @Schema(description = "ISO 4217 currency code, one of those in the merchant's contract.", example = "GBP",
                pattern = "^[A-Z]{3}$", requiredMode = Schema.RequiredMode.REQUIRED)
        String currency,

        @Schema(description = "The merchant's reference for the payment, e.g. an order number; "
                + "GET /payments?reference= finds the payments that have it.", example = "ORD-5023", maxLength = 80)
        String reference,

        @Schema(description = "A description of the payment.", example = "Two books", maxLength = 100)
        String description,

        @Schema(description = "The merchant's own key-value data, returned as given by GET /payments/{id}: at most 20 "
                + "fields, keys of 1 to 100 characters, each value a string, number or boolean of at most 255 "
                + "characters; no objects or arrays.", example = "{\"order_id\": \"5023\"}")
        Map<String, Object> metadata) {

    PaymentInput toInput(List<String> idempotencyKeys) {
        return new PaymentInput(source == null ? null : source.toInput(), jsonText(amount), currency, reference,
                description, metadata, idempotencyKeys);
    }

    static String jsonText(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.toString();
    }

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

        PaymentInput.CardInput toInput() {
            return new PaymentInput.CardInput(type, number, jsonText(expiryMonth), jsonText(expiryYear), cvv);
        }

        /** Never shows the number or the CVV, whatever logs this request. */
        @Override
        public String toString() {
            return "CardSource[type=" + type + ", number=" + (number == null ? null : "****")
                    + ", expiryMonth=" + expiryMonth + ", expiryYear=" + expiryYear
                    + ", cvv=" + (cvv == null ? null : "***") + ", name=" + (name == null ? null : "***") + "]";
        }
    }
}
