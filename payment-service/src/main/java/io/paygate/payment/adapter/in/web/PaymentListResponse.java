package io.paygate.payment.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.payment.application.PaymentPage;
import io.paygate.payment.application.PaymentsByReferenceQuery;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The answer to {@code GET /payments?reference=...}: Checkout.com's payment list. */
@Schema(name = "PaymentList", description = "A page of the merchant's payments with one reference, newest first.")
@JsonPropertyOrder({"limit", "skip", "total_count", "data"})
record PaymentListResponse(
        @Schema(description = "The most payments this page could hold.", example = "10") int limit,
        @Schema(description = "How many newer payments came before this page.", example = "0") int skip,
        @JsonProperty("total_count")
        @Schema(description = "How many payments have the reference, on all pages together.", example = "1")
        long totalCount,
        @ArraySchema(arraySchema = @Schema(description = "The payments on this page, newest first."))
        List<PaymentDetailsResponse> data) {

    static PaymentListResponse of(PaymentsByReferenceQuery query, PaymentPage page) {
        return new PaymentListResponse(query.limit(), query.skip(), page.totalCount(),
                page.payments().stream().map(PaymentDetailsResponse::of).toList());
    }
}
