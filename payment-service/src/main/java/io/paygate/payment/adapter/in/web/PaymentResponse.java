package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@code POST /payments}. */
@Schema(name = "PaymentResponse", description = "The payment as it stands: processed (201) or still pending (202).")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "action_id", "amount", "currency", "approved", "status", "auth_code", "response_code",
        "response_summary", "reference", "processed_on", "processing", "source", "_links"})
record PaymentResponse(Payment payment) implements PaymentView {

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(payment);
    }
}
