package io.paygate.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.paygate.events.merchant.MerchantContract;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves an API key to its merchant's contract, asking merchant-service at most once per key and cache period.
 * <p>
 * Known keys stay cached for {@code api-key-cache-ttl}, so a revoked key stops working within that time; unknown
 * keys for the shorter {@code api-key-negative-cache-ttl}, so guessing keys does not hammer merchant-service.
 * Concurrent requests with the same key share one look-up. A failed look-up is not cached: the next request retries.
 * Entries are keyed by the key's SHA-256, so the cache (and a heap dump of it) holds no usable key.
 */
@Component
public class ApiKeyResolver {

    private final MerchantServiceClient merchantService;
    private final AsyncCache<String, Optional<MerchantContract>> contractsByKeyDigest;

    public ApiKeyResolver(MerchantServiceClient merchantService, ApiKeySettings settings) {
        this.merchantService = merchantService;
        this.contractsByKeyDigest = Caffeine.newBuilder()
                .maximumSize(settings.apiKeyCacheSize())
                .expireAfter(Expiry.creating((String digest, Optional<MerchantContract> contract) ->
                        contract.isPresent() ? settings.apiKeyCacheTtl() : settings.apiKeyNegativeCacheTtl()))
                .buildAsync();
    }

    /**
     * @return the contract of the merchant holding this key, or empty for an unknown key;
     * the error {@link MerchantServiceUnavailableException} when merchant-service cannot tell
     */
    public Mono<Optional<MerchantContract>> resolve(String apiKey) {
        return Mono.defer(() -> {
            String digest = sha256(apiKey);
            CompletableFuture<Optional<MerchantContract>> lookUp =
                    contractsByKeyDigest.get(digest, (key, executor) -> merchantService.lookUp(apiKey).toFuture());
            // suppressCancel: the look-up is shared, one caller going away must not cancel it for the others.
            return Mono.fromFuture(lookUp, true)
                    // Caffeine drops a failed look-up too, but only after its callers have seen the failure:
                    // a request arriving in between would get the same failure instead of a new look-up.
                    .doOnError(failure -> contractsByKeyDigest.asMap().remove(digest, lookUp));
        });
    }

    private static String sha256(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}
