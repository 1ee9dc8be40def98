package io.paygate.merchant.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Lets a request into the admin API only with {@code Authorization: Bearer <admin token>}; anything else,
 * a merchant's API key included, gets 401 with an empty body. A filter rather than an interceptor, so that it
 * runs before anything else looks at the request, even for paths no controller maps. Every call, let in or not, is
 * written to the {@link AdminAudit audit log}.
 */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AdminTokens adminTokens;

    AdminTokenFilter(AdminTokens adminTokens) {
        this.adminTokens = adminTokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> holder = adminTokens.holderOf(bearerToken(request));
        if (holder.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            AdminAudit.record(AdminAudit.UNKNOWN, request, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            AdminAudit.record(holder.get(), request, status);
        }
    }

    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
