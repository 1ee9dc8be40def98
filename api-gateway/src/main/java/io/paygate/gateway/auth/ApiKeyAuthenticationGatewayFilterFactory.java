package io.paygate.gateway.auth;

import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.events.merchant.RoutingHeader;
import io.paygate.gateway.web.ErrorResponses;
import io.paygate.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route filter {@code ApiKeyAuthentication}: lets a request through only with a merchant's API key in
 * {@code Authorization: Bearer <key>}, or bare ({@code Authorization: sk_...}) as Checkout.com's previous API takes it
 * and its SDKs' previous clients (the webhooks client) send it, and tells the service behind it who the merchant is.
 * <p>
 * A missing, malformed or unknown key gets {@code 401} with an empty body and {@code WWW-Authenticate: Bearer}.
 * When merchant-service cannot be asked, the answer is {@code 503}: the key may well be valid.
 * An authenticated request goes on with the merchant's contract in {@link InternalHeaders} (any inbound
 * {@code X-PayGate-*} header was already dropped by {@code UntrustedHeadersFilter}) and without the key,
 * which the services do not need; route filters after it find the contract in {@link #MERCHANT}.
 */
@Component
public class ApiKeyAuthenticationGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The exchange attribute holding the authenticated merchant's {@link MerchantContract}. */
    public static final String MERCHANT = ApiKeyAuthenticationGatewayFilterFactory.class.getName() + ".merchant";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationGatewayFilterFactory.class);

    // RFC 6750 credentials: the scheme is case-insensitive; the key is printable ASCII (keys may end in *#$=).
    private static final Pattern BEARER = Pattern.compile("Bearer ([\\x21-\\x7E]{1,200})", Pattern.CASE_INSENSITIVE);
    // Bare, only a key of the shape merchant-service issues (Checkout.com's): anything else is no credential at all.
    private static final Pattern BARE_SECRET_KEY = Pattern.compile("sk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]");

    private final ApiKeyResolver apiKeys;
    private final ErrorResponses errors;

    public ApiKeyAuthenticationGatewayFilterFactory(ApiKeyResolver apiKeys, ErrorResponses errors) {
        this.apiKeys = apiKeys;
        this.errors = errors;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return this::authenticate;
    }

    private Mono<Void> authenticate(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> apiKey = bearerToken(exchange.getRequest().getHeaders());
        if (apiKey.isEmpty()) {
            return unauthorized(exchange);
        }
        return apiKeys.resolve(apiKey.get())
                .flatMap(contract -> contract
                        .map(merchant -> chain.filter(asMerchant(exchange, merchant)))
                        .orElseGet(() -> unauthorized(exchange)))
                .onErrorResume(MerchantServiceUnavailableException.class, e -> unavailable(exchange, e));
    }

    private static Optional<String> bearerToken(HttpHeaders headers) {
        List<String> authorizations = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() != 1) {
            return Optional.empty();
        }
        String authorization = authorizations.getFirst();
        Matcher bearer = BEARER.matcher(authorization);
        if (bearer.matches()) {
            return Optional.of(bearer.group(1));
        }
        return BARE_SECRET_KEY.matcher(authorization).matches() ? Optional.of(authorization) : Optional.empty();
    }

    private static ServerWebExchange asMerchant(ServerWebExchange exchange, MerchantContract merchant) {
        exchange.getAttributes().put(MERCHANT, merchant);
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(InternalHeaders.MERCHANT_ID, merchant.merchantId());
            headers.set(InternalHeaders.ACQUIRER, merchant.acquirer());
            if (merchant.acquirerMerchantId() != null) {
                headers.set(InternalHeaders.ACQUIRER_MERCHANT_ID, merchant.acquirerMerchantId());
            }
            headers.set(InternalHeaders.CURRENCIES, String.join(",", merchant.currencies()));
            if (!merchant.routing().isEmpty()) {
                headers.set(InternalHeaders.ROUTING, RoutingHeader.format(merchant.routing()));
            }
        })).build();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response.setComplete();
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, MerchantServiceUnavailableException cause) {
        log.warn("Cannot authenticate request {}: {}", RequestIdFilter.requestIdOf(exchange), cause.getMessage());
        return errors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "merchant_service_unavailable");
    }
}
