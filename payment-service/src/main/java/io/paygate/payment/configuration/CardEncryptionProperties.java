package io.paygate.payment.configuration;

import io.paygate.events.card.CardKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The AES-256 keys that seal card data for the acquirers. No default: a deployment brings its own keys, and only the
 * {@code local} profile has a development key.
 *
 * @param keys        {@code id:base64-32-bytes[,id2:...]}; keep retired keys listed until no envelope uses them, and
 *                    for at least the idempotency-key TTL, as request fingerprints are keyed with them too
 * @param activeKeyId the key that seals new envelopes
 */
@ConfigurationProperties("paygate.card-encryption")
public record CardEncryptionProperties(String keys, String activeKeyId) {

    /** The keys by id, for the request fingerprints; the card cipher reads {@link #keys()} itself. */
    Map<String, byte[]> keyBytes() {
        return CardKeys.parse(keys);
    }

    /** Never shows the keys. */
    @Override
    public String toString() {
        return "CardEncryptionProperties[activeKeyId=" + activeKeyId + "]";
    }
}
