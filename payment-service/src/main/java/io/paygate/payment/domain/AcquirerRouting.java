package io.paygate.payment.domain;

import java.util.Objects;

/**
 * One acquirer a payment may go to, and who the merchant is there.
 *
 * @param acquirer           the acquirer code, e.g. {@code piggybank}; chooses the adapter
 * @param acquirerMerchantId the merchant's id at that acquirer
 */
public record AcquirerRouting(String acquirer, String acquirerMerchantId) {

    public AcquirerRouting {
        Objects.requireNonNull(acquirer, "acquirer");
    }
}
