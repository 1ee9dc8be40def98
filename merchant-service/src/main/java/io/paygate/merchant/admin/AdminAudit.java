package io.paygate.merchant.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line on the {@code paygate.audit} logger for every call of the admin API, refused ones included: who (the
 * token's holder, or {@code unknown}), what (method and path, never the query or the body: a created API key is in
 * the answer's body), the outcome's status, and from where (the client address the gateway saw). The log pattern
 * gives the time. A token is never written, nor anything the caller sent but the method and path.
 */
final class AdminAudit {

    static final String LOGGER = "paygate.audit";
    static final String UNKNOWN = "unknown";

    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    private AdminAudit() {
    }

    static void record(String who, HttpServletRequest request, int status) {
        audit.info("admin call who={} method={} path={} status={} client={}", who, request.getMethod(),
                request.getRequestURI(), status, request.getRemoteAddr());
    }
}
