package io.paygate.gateway.web;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Carries each request's trace to the service it is routed to: the W3C {@code traceparent} of the gateway's server
 * span goes upstream, so the services' spans join the trace the gateway started. Spring Cloud Gateway's own client
 * observation would do it too, at ~5 % of the gateway's CPU for a client span per call (it is off, see
 * application.yml); this costs a header.
 */
@Component
class TracePropagationFilter implements GlobalFilter, Ordered {

    private final Propagator propagator;

    TracePropagationFilter(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ServerTrace.of(exchange)
                .map(trace -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers ->
                                propagator.inject(trace, headers, (carrier, name, value) -> carrier.set(name, value))))
                        .build()))
                .orElseGet(() -> chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
