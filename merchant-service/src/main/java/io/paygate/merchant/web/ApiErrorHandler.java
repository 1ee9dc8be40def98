package io.paygate.merchant.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers client errors with {@link ErrorResponse}. The parser's message is never echoed or logged: the body
 * it failed on may hold an API key.
 */
@RestControllerAdvice
class ApiErrorHandler {

    /** The request id the gateway passes on (Checkout.com answers with this header); without one, a new id. */
    static final String REQUEST_ID_HEADER = "Cko-Request-Id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    @ExceptionHandler
    ResponseEntity<ErrorResponse> requestInvalid(RequestInvalidException invalid, HttpServletRequest request) {
        return ResponseEntity.unprocessableContent()
                .body(new ErrorResponse(requestId(request), "request_invalid", invalid.errorCodes()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> requestMalformed(HttpServletRequest request) {
        return ResponseEntity.badRequest()
                .body(new ErrorResponse(requestId(request), "request_malformed", List.of()));
    }

    private static String requestId(HttpServletRequest request) {
        String given = request.getHeader(REQUEST_ID_HEADER);
        return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
