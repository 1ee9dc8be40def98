package io.paygate.events.merchant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated merchant and its acquirer contract, as merchant-service answers an API-key look-up
 * and as the gateway forwards it to payment-service in {@link InternalHeaders}.
 *
 * @param merchantId         the gateway's merchant id ({@code mer_...})
 * @param acquirer           the acquirer code, e.g. {@code piggybank}: the merchant's default acquirer, which takes the
 *                           payments no routing rule matches and is the last to fail over to
 * @param acquirerMerchantId the merchant's id at that acquirer
 * @param currencies         ISO 4217 codes the contract allows
 * @param requestsPerSecond  the merchant's own rate limit at the gateway; null: the gateway's default
 * @param routing            ordered rules naming other acquirers (or the same one) for some payments; empty when every
 *                           payment goes to {@code acquirer}
 */
public record MerchantContract(String merchantId, String acquirer, String acquirerMerchantId, List<String> currencies,
                               Integer requestsPerSecond, List<AcquirerRoute> routing) {

    public MerchantContract {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(acquirer, "acquirer");
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
        routing = routing == null ? List.of() : List.copyOf(routing);
    }

    /** A contract under the gateway's default rate limit, without routing rules. */
    public MerchantContract(String merchantId, String acquirer, String acquirerMerchantId, List<String> currencies) {
        this(merchantId, acquirer, acquirerMerchantId, currencies, null, List.of());
    }

    /**
     * The acquirers a payment may go to, in the order it should try them: the acquirer of every matching rule in the
     * routing's order, then the default acquirer, each acquirer once (at its first place). The first takes the
     * payment; the next ones are its failover, used only when the one before certainly did not authorise it.
     */
    public List<AcquirerRoute> routesFor(String currency, String scheme) {
        List<AcquirerRoute> routes = new ArrayList<>(routing.size() + 1);
        Set<String> acquirers = new LinkedHashSet<>();
        for (AcquirerRoute route : routing) {
            if (route.matches(currency, scheme) && acquirers.add(route.acquirer())) {
                routes.add(route);
            }
        }
        if (acquirers.add(acquirer)) {
            routes.add(AcquirerRoute.any(acquirer, acquirerMerchantId));
        }
        return routes;
    }
}
