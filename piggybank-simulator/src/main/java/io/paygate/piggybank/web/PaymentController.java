package io.paygate.piggybank.web;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.piggybank.behaviour.SimulatedFaults;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.model.AuthorizationRequest;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.model.IssuerAnswer;
import io.paygate.piggybank.model.IssuerRules;
import io.paygate.piggybank.model.IssuerUnavailable;
import io.paygate.piggybank.store.AuthorizationLedger;
import io.paygate.simulator.ErrorMessage;

@RestController
@RequestMapping("/payments")
class PaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // Keys are remembered, so their length is bounded too; payment ids are far shorter.
    private static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);

    private final AuthorizationLedger ledger;
    private final SimulatedFaults faults;

    PaymentController(AuthorizationLedger ledger, SimulatedFaults faults) {
        this.ledger = ledger;
        this.faults = faults;
    }

    @PostMapping
    ResponseEntity<?> authorize(@RequestBody AuthorizationRequest request,
                                @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
        Optional<InjectedFault> refusal = faults.refusalWhileDown();
        if (refusal.isPresent()) {
            return answeredBy(refusal.get(), idempotencyKey);
        }
        Optional<String> problem = request.problem().or(() -> keyProblem(idempotencyKey));
        if (problem.isPresent()) {
            ledger.recordInvalidRequest();
            log.debug("Refused an authorisation for card ending {}: {}", request.last4(), problem.get());
            return ResponseEntity.badRequest().body(new ErrorMessage(problem.get()));
        }
        Optional<InjectedFault> fault = faults.disrupt();
        if (fault.isPresent()) {
            return answeredBy(fault.get(), idempotencyKey);
        }
        IssuerAnswer answer = ledger.settle(idempotencyKey, request.amount(), IssuerRules.answer(request));
        log.debug("Answered {} to an authorisation of {} {} for card ending {} with key {}",
                answer, request.amount(), request.currency(), request.last4(), idempotencyKey);
        return switch (answer) {
            case Authorization authorization -> ResponseEntity.ok(authorization);
            case IssuerUnavailable ignored -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ErrorMessage("The issuer is unavailable"));
        };
    }

    @PostMapping("/{idempotencyKey}/reversals")
    ResponseEntity<?> reverse(@PathVariable String idempotencyKey) {
        Optional<InjectedFault> refusal = faults.refusalWhileDown();
        if (refusal.isPresent()) {
            return answeredBy(refusal.get(), idempotencyKey);
        }
        faults.delayReversal();
        boolean reversed = ledger.reverse(idempotencyKey);
        log.debug("Reversal for key {}: {}", idempotencyKey, reversed ? "reversed" : "nothing to reverse");
        if (!reversed) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(new ErrorMessage("No approved authorisation for this idempotency key"));
        }
        return ResponseEntity.ok(new Reversal(true));
    }

    /** Every injected fault is a 503, like the issuer's own unavailability, so that callers treat them alike. */
    static ResponseEntity<ErrorMessage> answeredBy(InjectedFault fault, @Nullable String idempotencyKey) {
        log.debug("Injected {} for key {}", fault, idempotencyKey);
        String message = switch (fault) {
            case BANK_DOWN -> "The bank is down";
            case UNAVAILABLE -> "The issuer is unavailable";
            case HANG -> "The issuer did not answer in time";
        };
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ErrorMessage(message));
    }

    static Optional<String> keyProblem(@Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isBlank()) {
            return Optional.of(IDEMPOTENCY_KEY + " must not be blank when sent");
        }
        if (idempotencyKey.length() > MAX_KEY_LENGTH) {
            return Optional.of(IDEMPOTENCY_KEY + " must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return Optional.empty();
    }

    record Reversal(boolean reversed) {
    }
}
