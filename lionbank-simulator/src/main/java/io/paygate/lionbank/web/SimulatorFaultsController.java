package io.paygate.lionbank.web;

import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.lionbank.behaviour.SimulatedFaults;

/** The simulator's knobs at run time, for tests and benchmarks; changing them takes the control token. */
@RestController
@RequestMapping("/simulator/faults")
class SimulatorFaultsController {

    private final SimulatedFaults faults;

    SimulatorFaultsController(SimulatedFaults faults) {
        this.faults = faults;
    }

    @GetMapping
    FaultsView current() {
        return FaultsView.of(faults.current());
    }

    @PutMapping
    ResponseEntity<?> change(@RequestBody FaultsChange change) {
        Optional<String> problem = change.problem();
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(new ErrorMessage(problem.get()));
        }
        return ResponseEntity.ok(FaultsView.of(faults.change(change::applyTo)));
    }

    @DeleteMapping
    FaultsView restoreConfigured() {
        return FaultsView.of(faults.restoreConfigured());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorMessage> unreadable(HttpMessageNotReadableException ignored) {
        return ResponseEntity.badRequest().body(new ErrorMessage(
                "The request body is missing or is not JSON with the knobs' types (numbers, and true or false for down)"));
    }
}
