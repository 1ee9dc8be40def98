package io.paygate.events.merchant;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of a merchant's routing: payments in one of {@code currencies} with a card of one of {@code schemes} may go
 * to {@code acquirer}, which knows the merchant as {@code acquirerMerchantId}. An empty list matches any currency or
 * scheme.
 *
 * @param currencies ISO 4217 codes, upper case
 * @param schemes    card scheme names as the API shows them, lower case: {@code visa}, {@code mastercard},
 *                   {@code amex}, {@code discover}
 */
public record AcquirerRoute(String acquirer, String acquirerMerchantId, List<String> currencies, List<String> schemes) {

    public AcquirerRoute {
        Objects.requireNonNull(acquirer, "acquirer");
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
        schemes = schemes == null ? List.of() : List.copyOf(schemes);
    }

    /** A rule for every payment. */
    public static AcquirerRoute any(String acquirer, String acquirerMerchantId) {
        return new AcquirerRoute(acquirer, acquirerMerchantId, List.of(), List.of());
    }

    /** Whether a payment in this currency, with a card of this scheme, may take this route. */
    public boolean matches(String currency, String scheme) {
        return (currencies.isEmpty() || currencies.contains(currency))
                && (schemes.isEmpty() || scheme != null && schemes.contains(scheme.toLowerCase(Locale.ROOT)));
    }
}
