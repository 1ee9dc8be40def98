package io.paygate.merchant.merchant;

import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Rotates a merchant's API keys: a merchant may hold several live keys, so it can take a new key into use
 * everywhere before the old one is revoked.
 */
@Service
public class ApiKeyRotation {

    private static final int ATTEMPTS = 10;

    private final MerchantStore merchants;

    public ApiKeyRotation(MerchantStore merchants) {
        this.merchants = merchants;
    }

    /** A new live key for the merchant, with the key in clear for the one answer; empty when there is no merchant. */
    public Optional<IssuedApiKey> issue(String merchantId) {
        ApiKey key = ApiKey.generateSandbox();
        MerchantApiKey stored = MerchantApiKey.issue(key);
        return merchants.addLiveKey(merchantId, stored)
                ? Optional.of(new IssuedApiKey(stored, key))
                : Optional.empty();
    }

    /**
     * Revokes the merchant's key; false when the merchant holds no key with this id. Revoking a revoked key
     * changes nothing: the demo merchant may hold a live key with the same hash as a revoked one (configured
     * again after its revocation), which must stay live.
     * <p>
     * The store revokes only while the merchant's live keys are those just read; when another change came
     * between, the merchant is read again. Every attempt that fails is one that another change of the same
     * merchant's keys won, so running out of attempts means something keeps the update from ever matching.
     */
    public boolean revoke(String merchantId, String keyId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Merchant> merchant = merchants.findById(merchantId);
            Optional<MerchantApiKey> key = merchant.flatMap(seen -> seen.apiKey(keyId));
            if (key.isEmpty()) {
                return false;
            }
            if (!key.get().isLive() || merchants.revokeKey(merchant.get(), key.get())) {
                return true;
            }
        }
        throw new IllegalStateException("Could not revoke key " + keyId + " of merchant " + merchantId
                + ": its conditional update matched nothing in " + ATTEMPTS + " attempts");
    }

    /** A newly issued key as stored, and the key itself, which nobody can read again after this answer. */
    public record IssuedApiKey(MerchantApiKey stored, ApiKey key) {
    }
}
