package io.paygate.gateway.identity;

import io.paygate.events.merchant.GatewaySignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway does not start without its signing keys: no service behind it would take a request. */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    @Bean
    GatewaySignature gatewaySignature(SigningSettings settings) {
        try {
            return GatewaySignature.fromConfiguration(settings.keys(), settings.activeKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("paygate.gateway.signing.keys is missing or invalid (" + e.getMessage()
                    + "): set GATEWAY_SIGNING_KEYS to id:base64-32-bytes[,id2:...], the same keys as the services'", e);
        }
    }
}
