package io.paygate.gateway.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the errors the gateway answers itself in the API's error format ({@code request_id}, {@code error_type},
 * {@code error_codes}), the same the services use, so a client reads every error one way.
 */
@Component
public class ErrorResponses {

    private final JsonMapper jsonMapper;

    public ErrorResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String errorType, String errorCode) {
        return write(exchange, status, errorType, List.of(errorCode));
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String errorType,
                            List<String> errorCodes) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // In the services' order, so that every error body reads the same.
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("request_id", RequestIdFilter.requestIdOf(exchange));
        error.put("error_type", errorType);
        error.put("error_codes", errorCodes);
        byte[] body = jsonMapper.writeValueAsBytes(error);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
