package io.paygate.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How the gateway resolves merchants' API keys ({@code paygate.gateway.*}).
 *
 * @param merchantServiceUrl      base URL of merchant-service, which answers the key look-ups
 * @param apiKeyCacheTtl          how long a resolved key stays cached: a revoked key keeps working for at most this long
 * @param apiKeyNegativeCacheTtl  how long an unknown key stays cached as unknown: a new key may be refused for this long
 * @param apiKeyCacheSize         the most keys kept in the cache
 * @param apiKeyLookupTimeout     how long a look-up may take before the gateway answers 503
 */
@ConfigurationProperties("paygate.gateway")
public record ApiKeySettings(
        URI merchantServiceUrl,
        @DefaultValue("30s") Duration apiKeyCacheTtl,
        @DefaultValue("5s") Duration apiKeyNegativeCacheTtl,
        @DefaultValue("10000") long apiKeyCacheSize,
        @DefaultValue("3s") Duration apiKeyLookupTimeout) {
}
