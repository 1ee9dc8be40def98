package io.paygate.payment.configuration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AES-256 keys that seal card data for the acquirers. No default: a deployment brings its own keys, and only the
 * {@code local} profile has a development key.
 *
 * @param keys        {@code id:base64-32-bytes[,id2:...]}; keep retired keys listed until no envelope uses them
 * @param activeKeyId the key that seals new envelopes
 */
@ConfigurationProperties("paygate.card-encryption")
public record CardEncryptionProperties(String keys, String activeKeyId) {

    /** Never shows the keys. */
    @Override
    public String toString() {
        return "CardEncryptionProperties[activeKeyId=" + activeKeyId + "]";
    }
}
