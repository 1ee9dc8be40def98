package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** The answer to {@code POST /payments}. */
@Schema(name = "PaymentResponse", description = "The payment as it stands: processed (201) or still pending (202).")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "amount", "currency", "approved", "status", "auth_code", "response_code",
        "response_summary", "reference", "processed_on", "source", "_links"})
record PaymentResponse(
        @Schema(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
        String id,

        @JsonProperty("action_id")
        @Schema(description = "The id of the authorisation action.", example = "act_mbabizu24mvu3mela5njyhpit4")
        String actionId,

        @Schema(description = "The amount in the minor unit of the currency, as requested.", example = "1050")
        long amount,

        @Schema(description = "ISO 4217 currency code.", example = "GBP")
        String currency,

        @Schema(description = "Whether the bank authorised the payment.", example = "true")
        boolean approved,

        @Schema(description = "Pending until the bank answers, then Authorized or Declined.", example = "Authorized",
                allowableValues = {"Pending", "Authorized", "Declined"})
        String status,

        @JsonProperty("auth_code")
        @Schema(description = "The bank's authorisation code, when authorised.", example = "770687")
        String authCode,

        @JsonProperty("response_code")
        @Schema(description = "The outcome: 10000 approved; 20005, 20051, 20054, 20068, 20091 declined. "
                + "Absent while pending.", example = "10000")
        String responseCode,

        @JsonProperty("response_summary")
        @Schema(description = "The outcome in words. Absent while pending.", example = "Approved")
        String responseSummary,

        @Schema(description = "The merchant's reference, when it sent one.", example = "ORD-5023")
        String reference,

        @JsonProperty("processed_on")
        @Schema(description = "When the bank's answer was received (ISO-8601, UTC). Absent while pending.",
                example = "2030-01-31T10:15:30.123Z")
        Instant processedOn,

        @Schema(description = "The card that paid.")
        CardSourceResponse source,

        @JsonProperty("_links")
        @Schema(description = "Where to read the payment again.")
        Links links) {

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(
                payment.id().value(),
                payment.actionId().value(),
                payment.amount().amount(),
                payment.amount().currency(),
                payment.approved(),
                payment.status().label(),
                payment.authCode(),
                payment.responseCode() == null ? null : payment.responseCode().code(),
                payment.responseCode() == null ? null : payment.responseCode().summary(),
                payment.reference(),
                payment.processedOn(),
                CardSourceResponse.of(payment.card()),
                Links.of(payment));
    }

    @Schema(name = "CardSourceResponse", description = "The card that paid, as much as may be shown.")
    @JsonPropertyOrder({"type", "last4", "bin", "expiry_month", "expiry_year", "scheme"})
    record CardSourceResponse(
            @Schema(description = "The kind of source: always card.", example = "card") String type,
            @Schema(description = "The last four digits.", example = "1111") String last4,
            @Schema(description = "The first six digits (the BIN).", example = "411111") String bin,
            @JsonProperty("expiry_month") @Schema(description = "Expiry month.", example = "12") int expiryMonth,
            @JsonProperty("expiry_year") @Schema(description = "Expiry year.", example = "2030") int expiryYear,
            @Schema(description = "The card network, from the BIN.", example = "Visa",
                    allowableValues = {"Visa", "Mastercard", "Amex", "Discover", "Unknown"}) String scheme) {

        static CardSourceResponse of(CardSummary card) {
            return new CardSourceResponse("card", card.last4(), card.bin(), card.expiryMonth(), card.expiryYear(),
                    card.scheme().label());
        }
    }

    @Schema(name = "PaymentLinks", description = "Links to the payment.")
    record Links(@Schema(description = "The payment itself: GET it for its details.") Link self) {

        static Links of(Payment payment) {
            return new Links(new Link(PaymentController.PATH + "/" + payment.id().value()));
        }
    }

    @Schema(name = "Link", description = "A link.")
    record Link(@Schema(description = "The URL, relative to the API's base URL.",
            example = "/payments/pay_mbabizu24mvu3mela5njyhpit4") String href) {
    }
}
