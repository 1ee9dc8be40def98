package io.paygate.simulator;

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
 * statistics) only with {@code Authorization: Bearer <control token>}, so that nobody else on the machine can make
 * the bank fail or hang under a running gateway; reading stays open. Without a token nothing can be changed.
 */
class SimulatorControlFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final String tokenVariable;

    /** {@code tokenVariable} names the setting an operator sets, so that a refusal says what to do. */
    SimulatorControlFilter(String token, String tokenVariable) {
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
        this.tokenVariable = tokenVariable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            chain.doFilter(request, response);
        } else if (token.length == 0) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "The simulator's state cannot be changed: " + tokenVariable + " is not set");
        } else if (!presents(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Changing the simulator's state takes Authorization: Bearer <" + tokenVariable + ">");
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean presents(String authorization) {
        // Constant-time comparison: the token guards the bank's failure switches.
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(token,
                        authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error_message\":\"" + message + "\"}");
    }
}
