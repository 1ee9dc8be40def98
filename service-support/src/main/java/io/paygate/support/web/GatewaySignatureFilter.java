package io.paygate.support.web;

import io.paygate.events.merchant.GatewaySignature;
import io.paygate.events.merchant.GatewaySignature.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Lets a request in only when the gateway signed it ({@link GatewaySignature}): unsigned, altered or stale requests
 * get {@code 401} with an empty body and reach no handler, wherever they come from, loopback included. Health checks
 * and metrics are exempt: they tell nothing about any merchant (no metric has a merchant tag) and are asked by load
 * balancers, orchestrators and Prometheus directly.
 * <p>
 * The body is read here, up to the configured limit, to check its digest, and handed on from memory; a larger body is
 * refused with {@code 413} before more of it is read.
 */
public class GatewaySignatureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(GatewaySignatureFilter.class);
    private static final String HEALTH = "/actuator/health";
    private static final String METRICS = "/actuator/prometheus";

    private final GatewaySignature signature;
    private final Duration window;
    private final int maxBody;
    private final Clock clock;

    public GatewaySignatureFilter(GatewaySignature signature, Duration window, int maxBody, Clock clock) {
        this.signature = signature;
        this.window = window;
        this.maxBody = maxBody;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/") || path.equals(METRICS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = readBody(request);
        if (body == null) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        String pathAndQuery = GatewaySignature.pathAndQuery(request.getRequestURI(), request.getQueryString());
        Verdict verdict = signature.verify(request.getMethod(), pathAndQuery, request::getHeader,
                GatewaySignature.digest(body), clock.instant(), window);
        if (verdict != Verdict.VALID) {
            log.warn("Refused {} {} from {}: gateway signature {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), verdict.name().toLowerCase());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** The whole body, or null when it is longer than allowed (announced or as sent, chunked or not). */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBody) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBody + 1);
            return body.length > maxBody ? null : body;
        }
    }
}
