package io.paygate.payment.adapter.in.web;

import io.paygate.payment.application.IdempotencyKeyInUseException;
import io.paygate.payment.application.IdempotencyKeyReusedException;
import io.paygate.payment.application.PaymentBusyException;
import io.paygate.payment.application.PaymentNotFoundException;
import io.paygate.payment.application.RequestInvalidException;
import io.paygate.payment.application.StoreUnavailableException;
import io.paygate.payment.domain.ActionNotAllowedException;
import io.paygate.payment.domain.AmountExceedsBalanceException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * Turns refused requests into Checkout.com's error answers. Exception messages are never logged here: a parser's
 * message may quote the body, and the body holds a card number.
 */
@RestControllerAdvice(assignableTypes = {PaymentController.class, PaymentActionController.class})
class PaymentApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PaymentApiExceptionHandler.class);

    @ExceptionHandler(MerchantNotAuthenticatedException.class)
    ResponseEntity<Void> unauthenticated() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }

    @ExceptionHandler(RequestInvalidException.class)
    ResponseEntity<ErrorResponse> invalid(RequestInvalidException e, HttpServletRequest request) {
        log.info("Request invalid: {}", e.errorCodes());
        return error(HttpStatus.UNPROCESSABLE_CONTENT, request, ErrorResponse.REQUEST_INVALID, e.errorCodes());
    }

    @ExceptionHandler(PaymentNotFoundException.class)
    ResponseEntity<Void> notFound() {
        return ResponseEntity.notFound().build();
    }

    @ExceptionHandler(ActionNotAllowedException.class)
    ResponseEntity<ErrorResponse> actionNotAllowed(ActionNotAllowedException e, HttpServletRequest request) {
        log.info(e.getMessage());
        return error(HttpStatus.FORBIDDEN, request, ErrorResponse.ACTION_NOT_ALLOWED, List.of());
    }

    @ExceptionHandler(AmountExceedsBalanceException.class)
    ResponseEntity<ErrorResponse> amountExceedsBalance(AmountExceedsBalanceException e, HttpServletRequest request) {
        log.info(e.getMessage());
        return error(HttpStatus.UNPROCESSABLE_CONTENT, request, ErrorResponse.REQUEST_INVALID, List.of(e.errorCode()));
    }

    @ExceptionHandler(PaymentBusyException.class)
    ResponseEntity<ErrorResponse> paymentBusy(PaymentBusyException e, HttpServletRequest request) {
        log.warn(e.getMessage());
        return error(HttpStatus.CONFLICT, request, ErrorResponse.PAYMENT_BUSY, List.of());
    }

    @ExceptionHandler(IdempotencyKeyInUseException.class)
    ResponseEntity<ErrorResponse> keyInUse(HttpServletRequest request) {
        log.info("Idempotency key in use by a request still in flight");
        return error(HttpStatus.CONFLICT, request, ErrorResponse.IDEMPOTENCY_KEY_IN_USE, List.of());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ErrorResponse> keyReused(HttpServletRequest request) {
        log.info("Idempotency key reused for a different request");
        return error(HttpStatus.UNPROCESSABLE_CONTENT, request, ErrorResponse.IDEMPOTENCY_KEY_REUSED, List.of());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ErrorResponse> storeUnavailable(StoreUnavailableException e, HttpServletRequest request) {
        log.warn("Payment store unavailable: {}", e.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(RequestIdFilter.of(request), ErrorResponse.SERVICE_UNAVAILABLE,
                        List.of(ErrorResponse.STORE_UNAVAILABLE)));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, ActionRequestBody.BodyNotAnObjectException.class})
    ResponseEntity<ErrorResponse> malformed(HttpServletRequest request) {
        log.info("Request body is not a readable JSON object");
        return error(HttpStatus.BAD_REQUEST, request, ErrorResponse.REQUEST_MALFORMED, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> unsupportedMediaType(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(RequestIdFilter.of(request), ErrorResponse.REQUEST_MALFORMED, List.of()));
    }

    private static ResponseEntity<ErrorResponse> error(HttpStatus status, HttpServletRequest request, String type,
                                                       List<String> codes) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(RequestIdFilter.of(request), type, codes));
    }
}
