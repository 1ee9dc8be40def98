package io.paygate.payment.application;

import java.util.List;
import java.util.Map;

/**
 * A payment request as the merchant wrote it, before any check. Numeric fields are carried as their JSON text
 * ({@code 1050}, {@code 10.5}, {@code "1050"}) so that validation sees exactly what was sent: a fraction, a quoted
 * number or an overflowing value is reported, never rounded or coerced.
 *
 * @param source   the card, or {@code null} when the request had none
 * @param amount   JSON text of the amount, or {@code null} when absent
 * @param metadata        the merchant's own data, or {@code null}
 * @param idempotencyKeys every idempotency key the request carried: a client may send Checkout.com's header and the
 *                        IETF draft's header, which must then agree; empty when it sent none
 */
public record PaymentInput(
        CardInput source,
        String amount,
        String currency,
        String reference,
        String description,
        Map<String, Object> metadata,
        List<String> idempotencyKeys) {

    public PaymentInput {
        idempotencyKeys = idempotencyKeys == null ? List.of() : List.copyOf(idempotencyKeys);
    }

    /**
     * @param expiryMonth JSON text of the month, or {@code null} when absent
     * @param expiryYear  JSON text of the year, or {@code null} when absent
     */
    public record CardInput(String type, String number, String expiryMonth, String expiryYear, String cvv) {

        /** Never shows the number or the CVV, whatever logs this input. */
        @Override
        public String toString() {
            return "CardInput[type=" + type + ", number=" + (number == null ? null : "****")
                    + ", expiryMonth=" + expiryMonth + ", expiryYear=" + expiryYear
                    + ", cvv=" + (cvv == null ? null : "***") + "]";
        }
    }
}
