package io.paygate.merchant.merchant;

import io.paygate.events.merchant.AcquirerRoute;
import org.springframework.data.mongodb.core.mapping.Field;

import java.util.List;

/**
 * One rule of a contract's routing, as stored: payments in one of {@code currencies} (ISO 4217, upper case) with a
 * card of one of {@code schemes} (lower case: visa, mastercard, amex, discover) go to {@code acquirer}, which knows
 * the merchant as {@code acquirerMerchantId}. An empty list matches any currency or scheme.
 */
public record RoutingRule(
        String acquirer,
        @Field("acquirer_merchant_id") String acquirerMerchantId,
        List<String> currencies,
        List<String> schemes) {

    public RoutingRule {
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
        schemes = schemes == null ? List.of() : List.copyOf(schemes);
    }

    /** The rule as the gateway and payment-service see it. */
    public AcquirerRoute toRoute() {
        return new AcquirerRoute(acquirer, acquirerMerchantId, currencies, schemes);
    }
}
