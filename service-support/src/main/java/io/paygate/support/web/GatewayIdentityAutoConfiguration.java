package io.paygate.support.web;

import io.paygate.events.merchant.GatewaySignature;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.time.Clock;

/**
 * A service behind the gateway that sets {@code paygate.gateway-identity.required} accepts only requests the gateway
 * signed, checked before any other filter. It does not start without the gateway's signing keys.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("paygate.gateway-identity.required")
@EnableConfigurationProperties(GatewayIdentityProperties.class)
public class GatewayIdentityAutoConfiguration {

    @Bean
    FilterRegistrationBean<GatewaySignatureFilter> gatewaySignatureFilter(GatewayIdentityProperties properties) {
        GatewaySignature signature;
        try {
            signature = GatewaySignature.fromConfiguration(properties.keys(), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("paygate.gateway-identity.keys is missing or invalid (" + e.getMessage()
                    + "): set GATEWAY_SIGNING_KEYS to the gateway's keys, id:base64-32-bytes[,id2:...]", e);
        }
        var registration = new FilterRegistrationBean<>(new GatewaySignatureFilter(signature, properties.window(),
                Math.toIntExact(properties.maxBody().toBytes()), Clock.systemUTC()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
