package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The answer to {@code GET /payments/{id}}: the payment response plus what the merchant sent with the request. */
@Schema(name = "PaymentDetails", description = "A payment with the details of its request, as it stands now.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "requested_on", "amount", "currency", "approved", "status", "auth_code",
        "response_code", "response_summary", "reference", "description", "metadata", "processed_on", "processing",
        "source", "_links"})
record PaymentDetailsResponse(Payment payment) implements PaymentView {

    static PaymentDetailsResponse of(Payment payment) {
        return new PaymentDetailsResponse(payment);
    }

    @JsonProperty("requested_on")
    @Schema(description = "When the merchant requested the payment (ISO-8601, UTC).",
            example = "2030-01-31T10:15:30.045Z")
    Instant requestedOn() {
        return payment.requestedOn();
    }

    @JsonProperty("description")
    @Schema(description = "The description, when the merchant sent one.", example = "Two books")
    String description() {
        return payment.description();
    }

    @JsonProperty("metadata")
    @Schema(description = "The merchant's own key-value data, as sent; absent when none was sent.",
            example = "{\"order_id\": \"5023\"}")
    Map<String, Object> metadata() {
        return payment.metadata().isEmpty() ? null : payment.metadata();
    }
}
