package io.paygate.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The response headers a bank's edge sends: browsers keep to HTTPS for a year (HSTS, sent over TLS only, as RFC 6797
 * says), guess no content types and frame nothing, and no cache keeps an API answer, which may show a payment or a
 * webhook signing secret.
 * Set when the response is committed, so they also win over headers copied from a service's answer.
 */
@Component
public class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean overTls = exchange.getRequest().getSslInfo() != null;
        boolean api = isApi(exchange.getRequest().getPath().value());
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (overTls) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (api) {
                headers.setCacheControl("no-store");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isApi(String path) {
        return path.equals("/payments") || path.startsWith("/payments/")
                || path.equals("/webhooks") || path.startsWith("/webhooks/")
                || path.equals("/merchants") || path.startsWith("/merchants/");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
