package io.paygate.webhook.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paygate.webhooks}.
 *
 * @param secretKeys              the AES-256 keys that seal signing secrets, {@code id:base64-32-bytes[,id2:...]}
 * @param secretActiveKey         the key that seals new secrets; blank: the first of {@code secretKeys}
 * @param maxEndpointsPerMerchant how many endpoints a merchant may have at once
 * @param allowLocalEndpoints     whether http and loopback or private endpoints are accepted (the local profile only)
 */
@ConfigurationProperties("paygate.webhooks")
public record WebhookProperties(String secretKeys, String secretActiveKey,
                                @DefaultValue("10") int maxEndpointsPerMerchant,
                                boolean allowLocalEndpoints) {

    /** Never shows the keys. */
    @Override
    public String toString() {
        return "WebhookProperties[secretActiveKey=" + secretActiveKey + ", maxEndpointsPerMerchant="
                + maxEndpointsPerMerchant + ", allowLocalEndpoints=" + allowLocalEndpoints + "]";
    }
}
