package io.paygate.gateway.routing;

import io.paygate.gateway.web.ErrorResponses;
import io.paygate.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;

/**
 * Answers a request the gateway could not get answered upstream in the API's error format, with a status a client
 * knows to retry (with its idempotency key): {@code 502} when the connection to the instance failed or was cut
 * before the answer (the request may or may not have been acted on), {@code 503} when no instance is ready,
 * {@code 504} when the instance did not answer in time. Anything else is left to Spring Boot's handler.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
class UpstreamFailureHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureHandler.class);

    private final ErrorResponses errors;

    UpstreamFailureHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        HttpStatusCode status = statusFor(failure);
        if (status == null || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        log.warn("Request {} {} {} failed upstream: {} -> {}", RequestIdFilter.requestIdOf(exchange),
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure.toString(), status.value());
        String errorType = errorType(status);
        return errors.write(exchange, status, errorType, "upstream_" + errorType);
    }

    /** The status for a failure to reach an instance, or null for any other failure. */
    private static HttpStatusCode statusFor(Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            HttpStatusCode status = statusException.getStatusCode();
            return status.isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE) || status.isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT)
                    ? status : null;
        }
        return failure instanceof IOException ? HttpStatus.BAD_GATEWAY : null;
    }

    private static String errorType(HttpStatusCode status) {
        return switch (status.value()) {
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            default -> "gateway_timeout";
        };
    }
}
