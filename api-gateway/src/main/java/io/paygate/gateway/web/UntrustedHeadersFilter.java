package io.paygate.gateway.web;

import io.paygate.events.merchant.InternalHeaders;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Drops inbound headers that the services behind the gateway trust, on every route:
 * <ul>
 * <li>{@code X-PayGate-*}: payment-service takes the merchant's identity from them, so only the gateway may set them;</li>
 * <li>{@code Forwarded} and {@code X-Forwarded-*}: the gateway is the TLS edge, so a caller's values are forged;
 * the gateway writes its own (see {@code trusted-proxies} in application.yml), and the services build their
 * public links from them.</li>
 * </ul>
 * Runs first, before any filter that adds such headers.
 */
@Component
public class UntrustedHeadersFilter implements GlobalFilter, Ordered {

    private static final List<String> UNTRUSTED_PREFIXES = List.of(InternalHeaders.PREFIX, "X-Forwarded-");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<String> untrusted = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(UntrustedHeadersFilter::isUntrusted)
                .toList();
        if (untrusted.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> untrusted.forEach(headers::remove)))
                .build());
    }

    private static boolean isUntrusted(String headerName) {
        return headerName.equalsIgnoreCase("Forwarded")
                || UNTRUSTED_PREFIXES.stream().anyMatch(prefix -> headerName.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
