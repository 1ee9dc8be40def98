package io.paygate.gateway.ratelimit;

import io.paygate.gateway.web.ErrorResponses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** The answer of every rate limit: {@code 429} in the API's error format, with {@code Retry-After} in whole seconds. */
@Component
class TooManyRequests {

    static final String ERROR_TYPE = "too_many_requests";

    private final ErrorResponses errors;

    TooManyRequests(ErrorResponses errors) {
        this.errors = errors;
    }

    Mono<Void> answer(ServerWebExchange exchange, Duration retryAfter, String errorCode) {
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds(retryAfter)));
        return errors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ERROR_TYPE, errorCode);
    }

    /** Rounded up, and at least 1: a client that retries after it finds its budget earned back. */
    static long seconds(Duration retryAfter) {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }
}
