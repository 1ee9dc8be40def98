package io.paygate.piggybank.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request change the simulator's state ({@code PUT} and {@code DELETE} under {@code /simulator/}: faults,
 * statistics) only with {@code Authorization: Bearer <PIGGYBANK_CONTROL_TOKEN>}, so that nobody else on the machine
 * can make the bank fail or hang under a running gateway; reading them stays open. Without a configured token the
 * knobs cannot be changed at all.
 */
class SimulatorControlFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    SimulatorControlFilter(String token) {
        this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (token == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "The simulator's state cannot be changed: PIGGYBANK_CONTROL_TOKEN is not set");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (!bearer || !MessageDigest.isEqual(token,
                authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Changing the simulator's state takes Authorization: Bearer <PIGGYBANK_CONTROL_TOKEN>");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error_message\":\"" + message + "\"}");
    }
}
