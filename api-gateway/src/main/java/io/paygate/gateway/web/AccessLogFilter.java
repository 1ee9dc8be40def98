package io.paygate.gateway.web;

import io.micrometer.tracing.TraceContext;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.auth.ApiKeyAuthenticationGatewayFilterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * One line per request, once it is answered, on the {@code io.paygate.gateway.access} logger: method, path, status,
 * time taken, client address and merchant, with the request and trace ids as log fields (and in the text pattern),
 * so a merchant's {@code Cko-Request-Id} leads to its trace. The path never holds card data (cards travel in
 * bodies), and no header or body is logged.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.paygate.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> log(exchange, (System.nanoTime() - start) / 1_000_000));
    }

    private static void log(ServerWebExchange exchange, long millis) {
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        MerchantContract merchant = exchange.getAttribute(ApiKeyAuthenticationGatewayFilterFactory.MERCHANT);
        MDC.put("requestId", RequestIdFilter.requestIdOf(exchange));
        ServerTrace.of(exchange).map(TraceContext::traceId).ifPresent(traceId -> MDC.put("traceId", traceId));
        try {
            log.info("{} {} {} {} ms client={} merchant={}", request.getMethod(), request.getPath().value(),
                    status == null ? "-" : status.value(), millis, clientOf(request),
                    merchant == null ? "-" : merchant.merchantId());
        } finally {
            MDC.remove("requestId");
            MDC.remove("traceId");
        }
    }

    private static String clientOf(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "-" : peer.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        // Right after the request id is given, so that every answer is logged, refusals included.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
