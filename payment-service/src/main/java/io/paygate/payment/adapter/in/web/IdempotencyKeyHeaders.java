package io.paygate.payment.adapter.in.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The idempotency key headers a request may carry: Checkout.com's {@code Cko-Idempotency-Key} and the IETF draft's
 * {@code Idempotency-Key}, which must agree when both are sent.
 */
final class IdempotencyKeyHeaders {

    static final String CKO_IDEMPOTENCY_KEY = "Cko-Idempotency-Key";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private IdempotencyKeyHeaders() {
    }

    /** Every key sent, for validation to judge: none, one, or two that must be the same. */
    static List<String> keys(String ckoIdempotencyKey, String idempotencyKey) {
        List<String> keys = new ArrayList<>(2);
        if (ckoIdempotencyKey != null) {
            keys.add(ckoIdempotencyKey);
        }
        if (idempotencyKey != null) {
            keys.add(unquoted(idempotencyKey));
        }
        return keys;
    }

    /**
     * The IETF draft makes {@code Idempotency-Key} a structured-field string, {@code "..."} with {@code \} escapes;
     * clients that follow it send the key quoted, Checkout.com's clients send it bare.
     */
    private static String unquoted(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        return value.substring(1, value.length() - 1).replaceAll("\\\\([\"\\\\])", "$1");
    }
}
