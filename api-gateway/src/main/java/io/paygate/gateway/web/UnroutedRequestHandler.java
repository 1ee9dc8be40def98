package io.paygate.gateway.web;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Answers a request that matches no route the gateway serves in the API's error format, instead of Spring Boot's
 * ({@code timestamp}, {@code status}, {@code path}): {@code 404 not_found} with {@code path_not_found}, the very
 * answer {@link io.paygate.gateway.admin.ListenerSeparation} gives, so an unknown path and a hidden one look alike;
 * {@code 405 method_not_allowed} with its {@code Allow} header and {@code 415} for a content type no route reads.
 * Requests under a route are answered by their service, in the same format. Anything else is left to the next
 * handler.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1); UpstreamFailureHandler takes other failures
class UnroutedRequestHandler implements ErrorWebExceptionHandler {

    private final ErrorResponses errors;

    UnroutedRequestHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!(failure instanceof ResponseStatusException statusException) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatusCode status = statusException.getStatusCode();
        List<String> codes;
        String errorType;
        if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
            errorType = "not_found";
            codes = List.of("path_not_found");
        } else if (status.isSameCodeAs(HttpStatus.METHOD_NOT_ALLOWED)) {
            errorType = "method_not_allowed";
            codes = List.of();
        } else if (status.isSameCodeAs(HttpStatus.UNSUPPORTED_MEDIA_TYPE)) {
            errorType = "request_malformed";
            codes = List.of();
        } else {
            return Mono.error(failure);
        }
        // The Allow header of a 405, the Accept header of a 415.
        exchange.getResponse().getHeaders().addAll(statusException.getHeaders());
        return errors.write(exchange, status, errorType, codes);
    }
}
