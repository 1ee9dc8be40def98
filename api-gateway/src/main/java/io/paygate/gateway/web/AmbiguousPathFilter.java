package io.paygate.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ({@code 400}) a path that a service could resolve to another path than the one the gateway routed:
 * a {@code .} or {@code ..} segment (also percent-encoded or with {@code ;parameters}), or an encoded slash or
 * backslash in a segment. The gateway matches and forwards the raw path, and the services normalise it, so
 * {@code /merchants/../internal/api-key-lookups} would otherwise match the merchants route and reach an internal endpoint.
 */
@Component
public class AmbiguousPathFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean ambiguous = exchange.getRequest().getPath().elements().stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(segment -> ((PathContainer.PathSegment) segment).valueToMatch())
                .anyMatch(AmbiguousPathFilter::isAmbiguous);
        if (ambiguous) {
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }

    /** @param segment decoded, without its parameters */
    private static boolean isAmbiguous(String segment) {
        return segment.equals(".") || segment.equals("..") || segment.contains("/") || segment.contains("\\");
    }

    @Override
    public int getOrder() {
        // After RequestIdFilter, so the refusal carries a request id too.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
