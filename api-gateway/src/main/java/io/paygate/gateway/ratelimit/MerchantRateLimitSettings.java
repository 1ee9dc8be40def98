package io.paygate.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests a merchant may send ({@code paygate.gateway.rate-limit.*}).
 *
 * @param requestsPerSecond the limit of a merchant whose contract sets none
 * @param merchants         how many merchants' budgets are remembered at most
 */
@ConfigurationProperties("paygate.gateway.rate-limit")
public record MerchantRateLimitSettings(@DefaultValue("100") int requestsPerSecond,
                                        @DefaultValue("100000") int merchants) {

    public MerchantRateLimitSettings {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("paygate.gateway.rate-limit.requests-per-second (GATEWAY_RATE_LIMIT) "
                    + "must be at least 1, not " + requestsPerSecond);
        }
    }
}
