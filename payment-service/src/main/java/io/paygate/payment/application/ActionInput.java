package io.paygate.payment.application;

import java.util.List;

/**
 * A capture, void or refund request as the merchant wrote it, before any check; like {@link PaymentInput}, each field
 * is carried as sent, {@code null} when absent.
 *
 * @param amount          JSON text of the amount
 * @param captureType     {@code Final} or {@code NonFinal}, for a capture
 * @param idempotencyKeys every idempotency key the request carried
 */
public record ActionInput(String amount, Object captureType, Object reference, Object metadata,
                          List<String> idempotencyKeys) {

    public ActionInput {
        idempotencyKeys = idempotencyKeys == null ? List.of() : List.copyOf(idempotencyKeys);
    }
}
