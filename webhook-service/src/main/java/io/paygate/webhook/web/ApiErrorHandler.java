package io.paygate.webhook.web;

import io.paygate.events.merchant.InternalHeaders;
import io.paygate.webhook.endpoint.EndpointLimitReachedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers refused requests with {@link ErrorResponse}. The parser's message is never echoed or logged: the body it
 * failed on may hold the merchant's own Authorization header for its endpoint.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    @ExceptionHandler(AuthenticatedMerchant.MissingException.class)
    ResponseEntity<Void> unauthenticated() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }

    @ExceptionHandler
    ResponseEntity<ErrorResponse> requestInvalid(RequestInvalidException invalid, HttpServletRequest request) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, request, ErrorResponse.REQUEST_INVALID, invalid.errorCodes());
    }

    @ExceptionHandler(EndpointLimitReachedException.class)
    ResponseEntity<ErrorResponse> limitReached(HttpServletRequest request) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, request, ErrorResponse.REQUEST_INVALID,
                List.of(ErrorResponse.WEBHOOK_LIMIT_REACHED));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> requestMalformed(HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, request, ErrorResponse.REQUEST_MALFORMED, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> notJson(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(requestId(request), ErrorResponse.REQUEST_MALFORMED, List.of()));
    }

    private static ResponseEntity<ErrorResponse> error(HttpStatus status, HttpServletRequest request, String type,
                                                       List<String> codes) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(requestId(request), type, codes));
    }

    /** The gateway's id for the call, which the merchant also sees as {@code Cko-Request-Id}; without one, a new id. */
    private static String requestId(HttpServletRequest request) {
        String given = request.getHeader(InternalHeaders.REQUEST_ID);
        return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
