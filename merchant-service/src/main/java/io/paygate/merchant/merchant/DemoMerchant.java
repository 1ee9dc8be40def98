package io.paygate.merchant.merchant;

import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The "Demo Shop" merchant that local runs and demos pay with, holding the API key configured in
 * {@code PAYGATE_DEMO_API_KEY}; nothing happens without that key.
 * <p>
 * Ensuring it is idempotent, also for instances starting together: the merchant has a fixed id, so only one
 * insert can win, and the key is added by a conditional update that matches only while the merchant lacks it
 * as a live key (which also brings a revoked demo key back to life: the configuration says it is the demo key).
 */
@Component
public class DemoMerchant implements SmartInitializingSingleton {

    public static final String ID = "mer_demoshoppiggybankmerchants";
    static final String NAME = "Demo Shop";
    /** Far above what {@code ./paygate bench} reaches on one machine, so that it measures the gateway, not its limit. */
    static final int REQUESTS_PER_SECOND = 5000;
    static final AcquirerContract CONTRACT = new AcquirerContract("piggybank", "piggy-demo-001",
            List.of("GBP", "EUR", "USD", "JPY"), REQUESTS_PER_SECOND);

    private final MerchantStore merchants;
    private final Optional<ApiKey> apiKey;

    DemoMerchant(MerchantStore merchants, @Value("${paygate.demo-merchant.api-key:}") String apiKey) {
        this.merchants = merchants;
        this.apiKey = apiKey.isBlank() ? Optional.empty() : Optional.of(ApiKey.parse(apiKey).orElseThrow(
                () -> new IllegalStateException("paygate.demo-merchant.api-key (PAYGATE_DEMO_API_KEY) must have the "
                        + "API-key shape: sk_sbox_ or sk_, 26 of [a-z2-7], then one of [a-z2-7*#$=]")));
    }

    /** Runs before the web server takes requests, so a service that answers already holds the demo key. */
    @Override
    public void afterSingletonsInstantiated() {
        ensureExists();
    }

    public void ensureExists() {
        apiKey.ifPresent(key -> {
            if (!merchants.insertIfAbsent(Merchant.withFirstKey(ID, NAME, CONTRACT, key))) {
                merchants.addLiveKeyIfAbsent(ID, MerchantApiKey.issue(key));
                // A demo merchant stored before there were rate limits would be held to the gateway's default.
                merchants.setRequestsPerSecondIfAbsent(ID, REQUESTS_PER_SECOND);
            }
            boolean heldByDemo = merchants.findByLiveKeyHash(key.hash())
                    .filter(merchant -> ID.equals(merchant.id()))
                    .isPresent();
            if (!heldByDemo) {
                throw new IllegalStateException("The demo API key (PAYGATE_DEMO_API_KEY) belongs to another merchant");
            }
        });
    }
}
