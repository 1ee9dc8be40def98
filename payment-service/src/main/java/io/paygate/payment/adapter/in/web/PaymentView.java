package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.domain.Balances;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * What every answer about a payment shows of it, mapped and documented once: {@link PaymentResponse} is this alone,
 * {@link PaymentDetailsResponse} adds the details of the request. Each answer orders its fields itself.
 */
interface PaymentView {

    @JsonIgnore
    Payment payment();

    @JsonProperty("id")
    @Schema(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
    default String id() {
        return payment().id().value();
    }

    @JsonProperty("action_id")
    @Schema(description = "The id of the authorisation action.", example = "act_mbabizu24mvu3mela5njyhpit4")
    default String actionId() {
        return payment().actionId().value();
    }

    @JsonProperty("amount")
    @Schema(description = "The amount in the minor unit of the currency, as requested.", example = "1050")
    default long amount() {
        return payment().amount().amount();
    }

    @JsonProperty("currency")
    @Schema(description = "ISO 4217 currency code.", example = "GBP")
    default String currency() {
        return payment().amount().currency();
    }

    @JsonProperty("approved")
    @Schema(description = "Whether the bank authorised the payment, whatever was done with it since.", example = "true")
    default boolean approved() {
        return payment().approved();
    }

    @JsonProperty("status")
    @Schema(description = "Pending until the bank answers the authorisation, then Declined, or Authorized and on as "
            + "the bank approves its actions: Captured, Partially Captured, Voided, Refunded, Partially Refunded, or "
            + "Expired when nobody captured it in time.", example = "Captured",
            allowableValues = {"Pending", "Authorized", "Declined", "Captured", "Partially Captured", "Voided",
                    "Refunded", "Partially Refunded", "Expired"})
    default String status() {
        return payment().status().label();
    }

    @JsonProperty("auth_code")
    @Schema(description = "The bank's authorisation code, when authorised.", example = "770687")
    default String authCode() {
        return payment().authCode();
    }

    @JsonProperty("response_code")
    @Schema(description = "The outcome: 10000 approved; 20005, 20051, 20054, 20068, 20091 declined. "
            + "Absent while pending.", example = "10000")
    default String responseCode() {
        return payment().responseCode() == null ? null : payment().responseCode().code();
    }

    @JsonProperty("response_summary")
    @Schema(description = "The outcome in words. Absent while pending.", example = "Approved")
    default String responseSummary() {
        return payment().responseCode() == null ? null : payment().responseCode().summary();
    }

    @JsonProperty("reference")
    @Schema(description = "The merchant's reference, when it sent one.", example = "ORD-5023")
    default String reference() {
        return payment().reference();
    }

    @JsonProperty("processed_on")
    @Schema(description = "When the bank's answer was received (ISO-8601, UTC). Absent while pending.",
            example = "2030-01-31T10:15:30.123Z")
    default Instant processedOn() {
        return payment().processedOn();
    }

    @JsonProperty("processing")
    @Schema(description = "Which acquirer processed the payment, and the bank's reference of it. Absent while "
            + "pending: until the acquirer answers, the merchant's routing may still move the payment to another.")
    default ProcessingResponse processing() {
        return payment().decidedOn() == null ? null : ProcessingResponse.of(payment());
    }

    @JsonProperty("source")
    @Schema(description = "The card that paid.")
    default CardSourceResponse source() {
        return CardSourceResponse.of(payment().card());
    }

    @JsonProperty("_links")
    @Schema(description = "Where to read the payment and its actions, and the actions its balances allow now.")
    default Links links() {
        return Links.of(payment());
    }

    @Schema(name = "CardSourceResponse", description = "The card that paid, as much as may be shown.")
    @JsonPropertyOrder({"type", "last4", "bin", "expiry_month", "expiry_year", "scheme"})
    record CardSourceResponse(
            @Schema(description = "The kind of source: always card.", example = "card") String type,
            @Schema(description = "The last four digits.", example = "1111") String last4,
            @Schema(description = "The first six digits (the BIN); fewer for a card of under 16 digits, so that "
                    + "at least six stay hidden.", example = "411111") String bin,
            @JsonProperty("expiry_month") @Schema(description = "Expiry month.", example = "12") int expiryMonth,
            @JsonProperty("expiry_year") @Schema(description = "Expiry year.", example = "2030") int expiryYear,
            @Schema(description = "The card network, from the BIN.", example = "Visa",
                    allowableValues = {"Visa", "Mastercard", "Amex", "Discover", "Unknown"}) String scheme) {

        static CardSourceResponse of(CardSummary card) {
            return new CardSourceResponse("card", card.last4(), card.bin(), card.expiryMonth(), card.expiryYear(),
                    card.scheme().label());
        }
    }

    @Schema(name = "Processing", description = "How the payment was processed.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"acquirer", "retrieval_reference_number"})
    record ProcessingResponse(
            @Schema(description = "The code of the acquirer that processed the payment: the first of the merchant's "
                    + "routing for it, or the next one if the first never sent it to its bank.",
                    example = "lionbank") String acquirer,
            @JsonProperty("retrieval_reference_number")
            @Schema(description = "The bank's reference of the transaction (ISO 8583 field 37), when its answer gave "
                    + "one.", example = "634112000042") String retrievalReferenceNumber) {

        static ProcessingResponse of(Payment payment) {
            return new ProcessingResponse(payment.route().current().acquirer(), payment.acquirerReference());
        }
    }

    @Schema(name = "PaymentLinks", description = "Links to the payment, and to the actions it allows now.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"self", "actions", "capture", "void", "refund"})
    record Links(
            @Schema(description = "The payment itself: GET it for its details.") Link self,
            @Schema(description = "Its actions: GET them.") Link actions,
            @Schema(description = "POST here to capture it; present while something can be captured.") Link capture,
            @JsonProperty("void")
            @Schema(description = "POST here to void it; present while nothing was captured.") Link voids,
            @Schema(description = "POST here to refund it; present while something captured is not refunded.")
            Link refund) {

        static Links of(Payment payment) {
            String self = PaymentController.PATH + "/" + payment.id().value();
            Balances balances = payment.balances();
            return new Links(new Link(self), new Link(self + "/actions"),
                    balances.availableToCapture() > 0 ? new Link(self + "/captures") : null,
                    balances.availableToVoid() > 0 ? new Link(self + "/voids") : null,
                    balances.availableToRefund() > 0 ? new Link(self + "/refunds") : null);
        }
    }

    @Schema(name = "Link", description = "A link.")
    record Link(@Schema(description = "The URL, relative to the API's base URL.",
            example = "/payments/pay_mbabizu24mvu3mela5njyhpit4") String href) {
    }
}
