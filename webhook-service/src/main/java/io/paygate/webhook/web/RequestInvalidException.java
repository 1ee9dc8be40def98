package io.paygate.webhook.web;

import java.util.List;

/** A well-formed request with invalid fields; answered 422 with every error code at once. */
class RequestInvalidException extends RuntimeException {

    private final List<String> errorCodes;

    RequestInvalidException(List<String> errorCodes) {
        // An answer to the client, not a failure of ours: no stack trace to fill.
        super(String.join(",", errorCodes), null, false, false);
        this.errorCodes = List.copyOf(errorCodes);
    }

    List<String> errorCodes() {
        return errorCodes;
    }
}
