package io.paygate.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code paygate.gateway-identity}: whether a service accepts only requests the gateway signed, and with which keys.
 *
 * @param required whether requests must be signed (payment-service and merchant-service: always)
 * @param keys     the gateway signing keys, {@code id:base64-32-bytes,...}: every key the gateway may sign with
 * @param window   how far a request's signing time may lie from this service's clock, either way
 * @param maxBody  the largest body read to check its digest; a larger one is refused with 413
 */
@ConfigurationProperties("paygate.gateway-identity")
public record GatewayIdentityProperties(boolean required, String keys, @DefaultValue("30s") Duration window,
                                        @DefaultValue("64KB") DataSize maxBody) {
}
