package io.paygate.merchant.web;

import io.paygate.events.merchant.InternalHeaders;
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

    /** The gateway's id for the call, which the merchant also sees as {@code Cko-Request-Id}; without one, a new id. */
    private static String requestId(HttpServletRequest request) {
        String given = request.getHeader(InternalHeaders.REQUEST_ID);
        return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
