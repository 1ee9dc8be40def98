package io.paygate.gateway.ratelimit;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.auth.ApiKeyAuthenticationGatewayFilterFactory;
import io.paygate.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Route filter {@code MerchantRateLimit}, after {@code ApiKeyAuthentication}: each merchant may send its contract's
 * requests per second, or the {@link MerchantRateLimitSettings default}, up to a second's worth at once. A request
 * beyond that is answered {@code 429 rate_limit_exceeded} with {@code Retry-After}, and goes nowhere: it stores
 * nothing and reaches no bank. Every API key of a merchant draws on the same budget, so that a key rotation, during
 * which two keys are live, does not double the merchant's rate.
 * <p>
 * The budget lives in this instance's memory: N gateway instances behind a balancer admit up to N times the rate.
 */
@Component
public class MerchantRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private static final Logger log = LoggerFactory.getLogger(MerchantRateLimitGatewayFilterFactory.class);

    private final RateBudget budget;
    private final int defaultLimit;
    private final TooManyRequests tooManyRequests;

    MerchantRateLimitGatewayFilterFactory(MerchantRateLimitSettings settings, TooManyRequests tooManyRequests) {
        this.budget = new RateBudget(Duration.ofSeconds(1), settings.merchants(), System::nanoTime);
        this.defaultLimit = settings.requestsPerSecond();
        this.tooManyRequests = tooManyRequests;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return this::limit;
    }

    private Mono<Void> limit(ServerWebExchange exchange, GatewayFilterChain chain) {
        MerchantContract merchant = exchange.getRequiredAttribute(ApiKeyAuthenticationGatewayFilterFactory.MERCHANT);
        int limit = merchant.requestsPerSecond() == null ? defaultLimit : merchant.requestsPerSecond();
        Duration retryAfter = budget.trySpend(merchant.merchantId(), limit);
        if (retryAfter.isZero()) {
            return chain.filter(exchange);
        }
        log.debug("Refused request {} of {}: above {} requests per second", RequestIdFilter.requestIdOf(exchange),
                merchant.merchantId(), limit);
        return tooManyRequests.answer(exchange, retryAfter, "rate_limit_exceeded");
    }
}
