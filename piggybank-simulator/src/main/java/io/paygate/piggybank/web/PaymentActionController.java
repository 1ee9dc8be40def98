package io.paygate.piggybank.web;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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
import io.paygate.piggybank.model.ActionAnswer;
import io.paygate.piggybank.model.ActionOutcome;
import io.paygate.piggybank.model.ActionRequest;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.model.PaymentAction;
import io.paygate.piggybank.store.AuthorizationLedger;
import io.paygate.simulator.ErrorMessage;

/**
 * Captures, voids and refunds of an approved authorisation, named by the idempotency key it was authorised with.
 * Each action takes an {@code Idempotency-Key} of its own (the gateway's action id), so that a retry is never done
 * twice; the fault knobs apply as they do to authorisations.
 */
@RestController
@RequestMapping("/payments/{paymentKey}")
class PaymentActionController {

    private static final Logger log = LoggerFactory.getLogger(PaymentActionController.class);

    private final AuthorizationLedger ledger;
    private final SimulatedFaults faults;

    PaymentActionController(AuthorizationLedger ledger, SimulatedFaults faults) {
        this.ledger = ledger;
        this.faults = faults;
    }

    @PostMapping("/captures")
    ResponseEntity<?> capture(@PathVariable String paymentKey, @RequestBody ActionRequest request,
                              @RequestHeader(name = PaymentController.IDEMPOTENCY_KEY, required = false)
                              @Nullable String actionKey) {
        return act(paymentKey, actionKey, request.problem(), request::capture);
    }

    /** Takes no body; one sent is ignored. */
    @PostMapping("/voids")
    ResponseEntity<?> voidAuthorization(@PathVariable String paymentKey,
                                        @RequestHeader(name = PaymentController.IDEMPOTENCY_KEY, required = false)
                                        @Nullable String actionKey) {
        return act(paymentKey, actionKey, Optional.empty(), PaymentAction::voiding);
    }

    @PostMapping("/refunds")
    ResponseEntity<?> refund(@PathVariable String paymentKey, @RequestBody ActionRequest request,
                             @RequestHeader(name = PaymentController.IDEMPOTENCY_KEY, required = false)
                             @Nullable String actionKey) {
        return act(paymentKey, actionKey, request.problem(), request::refund);
    }

    private ResponseEntity<?> act(String paymentKey, @Nullable String actionKey, Optional<String> bodyProblem,
                                  Supplier<PaymentAction> requested) {
        Optional<InjectedFault> refusal = faults.refusalWhileDown();
        if (refusal.isPresent()) {
            return PaymentController.answeredBy(refusal.get(), actionKey);
        }
        Optional<String> problem = bodyProblem.or(() -> actionKey == null
                ? Optional.of(PaymentController.IDEMPOTENCY_KEY + " is required for a payment action")
                : PaymentController.keyProblem(actionKey));
        if (problem.isPresent()) {
            ledger.recordInvalidRequest();
            log.debug("Refused an action on payment {}: {}", paymentKey, problem.get());
            return ResponseEntity.badRequest().body(new ErrorMessage(problem.get()));
        }
        Optional<InjectedFault> fault = faults.disrupt();
        if (fault.isPresent()) {
            return PaymentController.answeredBy(fault.get(), actionKey);
        }
        PaymentAction action = requested.get();
        ActionOutcome outcome = ledger.act(paymentKey, actionKey, action, UUID.randomUUID().toString());
        log.debug("Answered {} to {} of payment {} with key {}", outcome, action, paymentKey, actionKey);
        return switch (outcome) {
            case ActionAnswer answer -> ResponseEntity.ok(answer);
            case ActionOutcome.UnknownPayment ignored -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(new ErrorMessage("No approved authorisation for this payment"));
            case ActionOutcome.KeyReused ignored -> ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new ErrorMessage(PaymentController.IDEMPOTENCY_KEY
                            + " was first used for another action; send a new key for a new action"));
        };
    }
}
