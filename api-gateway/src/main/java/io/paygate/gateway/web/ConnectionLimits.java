package io.paygate.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the gateway waits for a client ({@code paygate.gateway.limits.*}), so that clients that send slowly
 * (slowloris) cannot hold its connections.
 *
 * @param headerTimeout  the longest a request's head (request line and headers) may take to arrive, from its first
 *                       byte
 * @param readTimeout    the longest pause between two reads of a request's body; the connection is closed after it
 * @param requestTimeout the longest a whole request body may take to arrive
 */
@ConfigurationProperties("paygate.gateway.limits")
public record ConnectionLimits(@DefaultValue("10s") Duration headerTimeout, @DefaultValue("10s") Duration readTimeout,
                               @DefaultValue("30s") Duration requestTimeout) {
}
