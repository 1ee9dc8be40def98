package io.paygate.acquirer.support.configuration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys that open the card envelopes payment-service seals.
 *
 * @param keys        {@code id:base64-32-bytes[,id2:...]}: every key still in use, so envelopes sealed before a
 *                    rotation still open
 * @param activeKeyId the key new envelopes are sealed with
 */
@ConfigurationProperties("paygate.card-encryption")
public record CardEncryptionProperties(String keys, String activeKeyId) {

    @Override
    public String toString() {
        return "CardEncryptionProperties[keys=(hidden), activeKeyId=" + activeKeyId + "]";
    }
}
