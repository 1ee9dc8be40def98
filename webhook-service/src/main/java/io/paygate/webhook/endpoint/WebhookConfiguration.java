package io.paygate.webhook.endpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    SigningSecrets signingSecrets(WebhookProperties properties) {
        try {
            return new SigningSecrets(properties.secretKeys(), properties.secretActiveKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("paygate.webhooks.secret-keys is missing or invalid (" + e.getMessage()
                    + "): set WEBHOOK_SECRET_KEYS to id:base64-32-bytes[,id2:...]", e);
        }
    }

    @Bean
    EndpointAddressPolicy endpointAddressPolicy(WebhookProperties properties) {
        return new EndpointAddressPolicy(properties.allowLocalEndpoints());
    }
}
