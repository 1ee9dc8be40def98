package io.paygate.payment.application;

import java.util.List;

/**
 * A payment request as the merchant wrote it, before any check. Validation judges what was sent, including its JSON
 * type, so nothing is coerced on the way in:
 * <ul>
 *   <li>numeric fields are carried as their JSON text ({@code 1050}, {@code 10.5}, {@code "1050"}, {@code [1]}), so
 *       that a fraction, a quoted number or an overflowing value is reported, never rounded;</li>
 *   <li>the other fields are carried as the plain value sent: a {@link String} for a JSON string, a {@link java.util.Map}
 *       for an object, a {@link List} for an array, a {@link Number} or a {@link Boolean}; a value of the wrong type
 *       is reported under the field's {@code _invalid} code.</li>
 * </ul>
 * {@code null} stands for a field that is absent or JSON {@code null}.
 *
 * @param source          a {@link CardInput} when the source is a JSON object, otherwise the value sent
 * @param amount          JSON text of the amount
 * @param metadata        the merchant's own data: a {@link java.util.Map} when it is an object
 * @param capture         whether to capture the payment once approved: a {@link Boolean} when it is one
 * @param captureOn       when to capture it: a {@link String} when it is one
 * @param idempotencyKeys every idempotency key the request carried: a client may send Checkout.com's header and the
 *                        IETF draft's header, which must then agree; empty when it sent none
 */
public record PaymentInput(
        Object source,
        String amount,
        Object currency,
        Object reference,
        Object description,
        Object metadata,
        Object capture,
        Object captureOn,
        List<String> idempotencyKeys) {

    public PaymentInput {
        idempotencyKeys = idempotencyKeys == null ? List.of() : List.copyOf(idempotencyKeys);
    }

    /**
     * A card source, each field as sent (see {@link PaymentInput}).
     *
     * @param expiryMonth JSON text of the month
     * @param expiryYear  JSON text of the year
     */
    public record CardInput(Object type, Object number, String expiryMonth, String expiryYear, Object cvv) {

        /** Never shows the number or the CVV, whatever logs this input. */
        @Override
        public String toString() {
            return "CardInput[type=" + type + ", number=" + (number == null ? null : "****")
                    + ", expiryMonth=" + expiryMonth + ", expiryYear=" + expiryYear
                    + ", cvv=" + (cvv == null ? null : "***") + "]";
        }
    }
}
