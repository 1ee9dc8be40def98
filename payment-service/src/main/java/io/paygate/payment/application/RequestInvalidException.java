package io.paygate.payment.application;

import java.util.List;
import java.util.Set;

/** A request with invalid fields: all of them, so the merchant can fix the request in one go. */
public class RequestInvalidException extends RuntimeException {

    private final List<ValidationError> errors;

    public RequestInvalidException(Set<ValidationError> errors) {
        super("Request invalid: " + errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("An invalid request has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    public List<String> errorCodes() {
        return errors.stream().map(ValidationError::code).toList();
    }
}
