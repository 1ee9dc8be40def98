package io.paygate.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.gateway.web.ErrorResponses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The answer of every rate limit: {@code 429} in the API's error format, with {@code Retry-After} in whole seconds;
 * counted as {@code paygate.gateway.refusals} by reason (the error code), never by merchant or client.
 */
@Component
class TooManyRequests {

    static final String ERROR_TYPE = "too_many_requests";

    private final ErrorResponses errors;
    private final MeterProvider<Counter> refusals;

    TooManyRequests(ErrorResponses errors, MeterRegistry registry) {
        this.errors = errors;
        this.refusals = Counter.builder("paygate.gateway.refusals")
                .description("Requests refused by a rate limit, by reason")
                .withRegistry(registry);
    }

    Mono<Void> answer(ServerWebExchange exchange, Duration retryAfter, String errorCode) {
        refusals.withTag("reason", errorCode).increment();
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds(retryAfter)));
        return errors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ERROR_TYPE, errorCode);
    }

    /** Rounded up, and at least 1: a client that retries after it finds its budget earned back. */
    static long seconds(Duration retryAfter) {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }
}
