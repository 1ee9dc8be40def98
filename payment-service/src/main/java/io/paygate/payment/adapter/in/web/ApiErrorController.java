package io.paygate.payment.adapter.in.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * Answers every error that reaches the servlet container's error page in the API's error format instead of Spring
 * Boot's ({@code timestamp}, {@code status}, {@code path}): an unknown route (404 {@code not_found} with
 * {@code path_not_found}, as the gateway answers for paths it does not route), a method the
 * route does not take (405 {@code method_not_allowed}, with the {@code Allow} header Spring MVC already set), a
 * content type it does not read (415 {@code request_malformed}, as {@link PaymentApiExceptionHandler} answers).
 * Nothing of the request is logged or echoed: its path or body may hold a card number.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    static final String PATH_NOT_FOUND = "path_not_found";

    // No "produces": the body is JSON whatever the client accepts, as every other error of the API.
    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(RequestIdFilter.of(request), errorType(status),
                        status == HttpStatus.NOT_FOUND ? List.of(PATH_NOT_FOUND) : List.of()));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** The API's own types for a body it cannot read; otherwise the status's name, e.g. {@code not_found}. */
    static String errorType(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE -> ErrorResponse.REQUEST_MALFORMED;
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }
}
