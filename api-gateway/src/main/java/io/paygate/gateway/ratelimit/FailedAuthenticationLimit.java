package io.paygate.gateway.ratelimit;

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
 * an admin token merchant-service refused (on the admin listener), spends one of its {@link FailedAuthenticationSettings failures}. Once
 * they are spent, every request from that address is answered {@code 429} with {@code Retry-After}, in the API's
 * error format, and goes nowhere, until it has earned a failure back.
 * <p>
 * The address is the TCP peer's: behind a load balancer that is the balancer, so the limit must then be kept there.
 */
@Component
public class FailedAuthenticationLimit implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthenticationLimit.class);

    private final RateBudget budget;
    private final int limit;
    private final TooManyRequests tooManyRequests;

    FailedAuthenticationLimit(FailedAuthenticationSettings settings, TooManyRequests tooManyRequests) {
        this.budget = new RateBudget(settings.period(), settings.clients(), System::nanoTime);
        this.limit = settings.limit();
        this.tooManyRequests = tooManyRequests;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String client = clientOf(exchange);
        Duration retryAfter = budget.retryAfter(client, limit);
        if (!retryAfter.isZero()) {
            log.warn("Refused {} {} from {}: too many failed authentications, retry after {} s",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), client,
                    TooManyRequests.seconds(retryAfter));
            return tooManyRequests.answer(exchange, retryAfter, "too_many_failed_authentications");
        }
        exchange.getResponse().beforeCommit(() -> {
            if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
                budget.spend(client, limit);
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
        // After ListenerSeparation: a path that the listener does not serve is answered 404 whatever the address did.
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
