package io.paygate.events.merchant;

import java.util.List;
import java.util.Objects;

/**
 * The authenticated merchant and its acquirer contract, as merchant-service answers an API-key look-up
 * and as the gateway forwards it to payment-service in {@link InternalHeaders}.
 *
 * @param merchantId         the gateway's merchant id ({@code mer_...})
 * @param acquirer           the acquirer code, e.g. {@code piggybank}; names the routing key
 * @param acquirerMerchantId the merchant's id at the acquirer
 * @param currencies         ISO 4217 codes the contract allows
 * @param requestsPerSecond  the merchant's own rate limit at the gateway; null: the gateway's default
 */
public record MerchantContract(String merchantId, String acquirer, String acquirerMerchantId, List<String> currencies,
                               Integer requestsPerSecond) {

    public MerchantContract {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(acquirer, "acquirer");
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
    }

    /** A contract under the gateway's default rate limit, as payment-service rebuilds it from the identity headers. */
    public MerchantContract(String merchantId, String acquirer, String acquirerMerchantId, List<String> currencies) {
        this(merchantId, acquirer, acquirerMerchantId, currencies, null);
    }
}
