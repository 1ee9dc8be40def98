package io.paygate.gateway.ratelimit;

import io.paygate.gateway.web.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Stops a client address from guessing credentials: every {@code 401} it gets, for an API key the gateway refused or
 * an admin token merchant-service refused, spends one of its {@link FailedAuthenticationSettings failures}. Once
 * they are spent, every request from that address is answered {@code 429} with {@code Retry-After}, in the API's
 * error format, and goes nowhere, until it has earned a failure back.
 * <p>
 * The address is the TCP peer's: behind a load balancer that is the balancer, so the limit must then be kept there.
 */
@Component
public class FailedAuthenticationLimit implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthenticationLimit.class);

    private final FailureBudget budget;
    private final ErrorResponses errors;

    public FailedAuthenticationLimit(FailedAuthenticationSettings settings, ErrorResponses errors) {
        this.budget = new FailureBudget(settings.limit(), settings.period(), settings.clients(), System::nanoTime);
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String client = clientOf(exchange);
        Duration retryAfter = budget.retryAfter(client);
        if (!retryAfter.isZero()) {
            long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
            log.warn("Refused {} {} from {}: too many failed authentications, retry after {} s",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), client, seconds);
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
            return errors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "too_many_failed_authentications");
        }
        exchange.getResponse().beforeCommit(() -> {
            if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
                budget.fail(client);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static String clientOf(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
