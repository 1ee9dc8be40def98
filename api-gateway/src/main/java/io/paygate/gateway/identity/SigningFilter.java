package io.paygate.gateway.identity;

import io.paygate.events.merchant.GatewaySignature;
import io.paygate.gateway.web.ErrorResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Clock;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * Signs every request the gateway forwards ({@link GatewaySignature}): the services behind it take the merchant's
 * identity only from a signed request. Runs last before the request goes out, once the route's filters have
 * authenticated the merchant and set the final path, and the load balancer has picked the instance.
 * <p>
 * The body is read here, at most {@code maxBody} of it (413 beyond), to sign its digest, and kept for the request:
 * a retry on the next instance sends the same bytes again.
 */
@Component
public class SigningFilter implements GlobalFilter, Ordered {

    private static final String BODY = SigningFilter.class.getName() + ".body";

    private final GatewaySignature signature;
    private final int maxBody;
    private final ErrorResponses errors;
    private final Clock clock = Clock.systemUTC();

    public SigningFilter(GatewaySignature signature, SigningSettings settings, ErrorResponses errors) {
        this.signature = signature;
        this.maxBody = Math.toIntExact(settings.maxBody().toBytes());
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return body(exchange)
                .flatMap(body -> chain.filter(signed(exchange, body)))
                .onErrorResume(DataBufferLimitException.class, e -> errors.write(exchange,
                        HttpStatus.CONTENT_TOO_LARGE, "request_too_large", "body_too_large"));
    }

    private Mono<byte[]> body(ServerWebExchange exchange) {
        byte[] read = exchange.getAttribute(BODY);
        if (read != null) {
            return Mono.just(read);
        }
        if (exchange.getRequest().getHeaders().getContentLength() > maxBody) {
            return Mono.error(new DataBufferLimitException("Content-Length above " + maxBody));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBody)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .doOnNext(bytes -> exchange.getAttributes().put(BODY, bytes));
    }

    private ServerWebExchange signed(ServerWebExchange exchange, byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        URI target = exchange.getAttributeOrDefault(GATEWAY_REQUEST_URL_ATTR, request.getURI());
        String pathAndQuery = GatewaySignature.pathAndQuery(target.getRawPath(), target.getRawQuery());
        ServerHttpRequest signedRequest = request.mutate().headers(headers -> signature.sign(
                        request.getMethod().name(), pathAndQuery, headers::getFirst, GatewaySignature.digest(body),
                        clock.instant()).forEach(headers::set))
                .build();
        return exchange.mutate().request(new ServerHttpRequestDecorator(signedRequest) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        }).build();
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
