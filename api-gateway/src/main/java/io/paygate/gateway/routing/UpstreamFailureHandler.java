package io.paygate.gateway.routing;

import io.paygate.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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

    private final JsonMapper jsonMapper;

    UpstreamFailureHandler(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        HttpStatusCode status = statusFor(failure);
        ServerHttpResponse response = exchange.getResponse();
        if (status == null || response.isCommitted()) {
            return Mono.error(failure);
        }
        String requestId = RequestIdFilter.requestIdOf(exchange);
        log.warn("Request {} {} {} failed upstream: {} -> {}", requestId, exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), failure.toString(), status.value());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = jsonMapper.writeValueAsBytes(Map.of(
                "request_id", requestId,
                "error_type", errorType(status),
                "error_codes", List.of("upstream_" + errorType(status))));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
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
