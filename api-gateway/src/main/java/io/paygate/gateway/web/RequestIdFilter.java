package io.paygate.gateway.web;

import io.micrometer.tracing.TraceContext;
import io.paygate.events.merchant.InternalHeaders;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code Cko-Request-Id} when it sent a sensible one, else the id of the
 * request's trace, so that the id a merchant quotes finds the request's spans and log lines in every service at once
 * (a new UUID where no trace is recorded).
 * The id goes back in the {@code Cko-Request-Id} response header (as Checkout.com does) and upstream as
 * {@code X-Request-Id}, so the services can log it and put it in their error bodies.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String RESPONSE_HEADER = "Cko-Request-Id";

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    // Ends up in logs and JSON bodies: nothing that could forge a log line or break out of a string.
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** The id of the request being handled. */
    public static String requestIdOf(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(ATTRIBUTE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String inbound = exchange.getRequest().getHeaders().getFirst(RESPONSE_HEADER);
        String requestId = inbound != null && ACCEPTABLE_ID.matcher(inbound).matches() ? inbound
                : ServerTrace.of(exchange).map(TraceContext::traceId).orElseGet(() -> UUID.randomUUID().toString());
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        // Set at commit time so it also wins over a header of the same name copied from an upstream response.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RESPONSE_HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(InternalHeaders.REQUEST_ID, requestId)))
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
