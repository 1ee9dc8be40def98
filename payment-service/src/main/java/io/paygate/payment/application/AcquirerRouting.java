package io.paygate.payment.application;

import java.util.Objects;

/**
 * Where a payment's commands go: the acquirer of the merchant's contract, and who the merchant is there.
 *
 * @param acquirer           the acquirer code, e.g. {@code piggybank}; chooses the adapter
 * @param acquirerMerchantId the merchant's id at that acquirer
 */
public record AcquirerRouting(String acquirer, String acquirerMerchantId) {

    public AcquirerRouting {
        Objects.requireNonNull(acquirer, "acquirer");
    }
}
