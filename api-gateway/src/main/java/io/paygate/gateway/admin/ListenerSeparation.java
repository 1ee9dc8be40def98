package io.paygate.gateway.admin;

import io.paygate.gateway.web.ErrorResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the admin API ({@code /merchants}, and its description {@code /v3/api-docs/merchants}) on the
 * {@link AdminListener admin listener} only, and nothing else there. Anything else is answered
 * {@code 404 not_found} in the API's error format, as if it did not exist: the public listener does not even reveal
 * that an admin API is there, and a leaked admin token is of no use from where merchants connect.
 */
@Component
class ListenerSeparation implements WebFilter, Ordered {

    private final AdminListener adminListener;
    private final ErrorResponses errors;

    ListenerSeparation(AdminListener adminListener, ErrorResponses errors) {
        this.adminListener = adminListener;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isAdminPath(exchange.getRequest().getPath().value()) == adminListener.received(exchange)) {
            return chain.filter(exchange);
        }
        return errors.write(exchange, HttpStatus.NOT_FOUND, "not_found", "path_not_found");
    }

    private static boolean isAdminPath(String path) {
        return path.equals("/merchants") || path.startsWith("/merchants/") || path.equals("/v3/api-docs/merchants");
    }

    @Override
    public int getOrder() {
        // After the request id, the ambiguous paths and the security headers, so the refusal carries all of them.
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
