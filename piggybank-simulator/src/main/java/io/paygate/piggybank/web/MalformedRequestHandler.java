package io.paygate.piggybank.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.paygate.piggybank.store.AuthorizationLedger;
import io.paygate.simulator.ErrorMessage;

/** For the bank's own API only: a malformed admin request is no invalid payment request. */
@RestControllerAdvice(assignableTypes = {PaymentController.class, PaymentActionController.class})
class MalformedRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestHandler.class);

    private final AuthorizationLedger ledger;

    MalformedRequestHandler(AuthorizationLedger ledger) {
        this.ledger = ledger;
    }

    /** The parser's message may quote the body, card number included, so it is neither returned nor logged. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorMessage> malformedBody(HttpMessageNotReadableException ignored) {
        ledger.recordInvalidRequest();
        log.debug("Refused a request whose body is missing or not the expected JSON");
        return ResponseEntity.badRequest().body(new ErrorMessage("The request body is missing or is not valid JSON"));
    }
}
