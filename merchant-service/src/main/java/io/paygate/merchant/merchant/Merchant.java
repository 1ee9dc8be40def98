package io.paygate.merchant.merchant;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A merchant with its acquirer contract and its API keys, in one document: creating a merchant with its first key
 * is one atomic insert, and resolving a key to its merchant is one read through the unique index on
 * {@code live_key_hashes}.
 *
 * @param apiKeys       every key the merchant was given, revoked ones included
 * @param liveKeyHashes the hashes of the live keys alone, a top-level array of strings so that the unique index
 *                      on it works on the MongoDB wire server too (it cannot index {@code api_keys.hash}), and
 *                      so that a look-up never matches a revoked key; the stored field is absent, never an empty
 *                      array, while the merchant has no live key (see {@link MerchantStore})
 */
@Document(Merchant.COLLECTION)
public record Merchant(
        @Id String id,
        String name,
        @Field(CONTRACT) AcquirerContract contract,
        @Field(CREATED_ON) Instant createdOn,
        @Field(API_KEYS) List<MerchantApiKey> apiKeys,
        @Field(LIVE_KEY_HASHES) List<String> liveKeyHashes) {

    public static final String COLLECTION = "merchants";
    static final String CONTRACT = "contract";
    static final String CREATED_ON = "created_on";
    static final String API_KEYS = "api_keys";
    static final String LIVE_KEY_HASHES = "live_key_hashes";

    public Merchant {
        apiKeys = List.copyOf(apiKeys);
        liveKeyHashes = liveKeyHashes == null ? List.of() : List.copyOf(liveKeyHashes);
    }

    /** A new merchant, created now, holding {@code key}. */
    public static Merchant withFirstKey(String id, String name, AcquirerContract contract, ApiKey key) {
        MerchantApiKey firstKey = MerchantApiKey.issue(key);
        return new Merchant(id, name, contract, firstKey.createdOn(), List.of(firstKey), List.of(firstKey.hash()));
    }

    /** The key with this id, live or revoked. */
    public Optional<MerchantApiKey> apiKey(String keyId) {
        return apiKeys.stream().filter(key -> key.id().equals(keyId)).findFirst();
    }

    public MerchantContract toContract() {
        return new MerchantContract(id, contract.acquirer(), contract.acquirerMerchantId(), contract.currencies(),
                contract.requestsPerSecond(), contract.routing().stream().map(RoutingRule::toRoute).toList());
    }
}
