package io.paygate.merchant.apikey;

import io.paygate.merchant.Base32;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An API key as the store keeps it: its hash and display prefix, never the key.
 *
 * @param id        {@code key_...}, how the admin API names the key (to revoke it, say)
 * @param revokedOn null while the key is live
 */
public record MerchantApiKey(
        String id,
        String hash,
        String prefix,
        @Field("created_on") Instant createdOn,
        @Field("revoked_on") Instant revokedOn) {

    /** A new live key, created now (to the millisecond, as MongoDB keeps time). */
    public static MerchantApiKey issue(ApiKey key) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new MerchantApiKey("key_" + Base32.random(26), key.hash(), key.displayPrefix(), now, null);
    }

    public boolean isLive() {
        return revokedOn == null;
    }
}
