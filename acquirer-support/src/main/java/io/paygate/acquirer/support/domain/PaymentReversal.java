package io.paygate.acquirer.support.domain;

import java.util.Objects;

/**
 * What the adapter asks the bank to undo: the authorisation made under the payment id.
 *
 * @param paymentId          the authorisation's idempotency key, by which the bank finds it
 * @param acquirerMerchantId the merchant's id at the acquirer, for banks that find an authorisation by merchant and
 *                           reference; {@code null} when the command did not say
 */
public record PaymentReversal(String paymentId, String acquirerMerchantId) {

    public PaymentReversal {
        Objects.requireNonNull(paymentId, "paymentId");
    }
}
