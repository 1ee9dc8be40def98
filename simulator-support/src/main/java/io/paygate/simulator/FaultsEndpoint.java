package io.paygate.simulator;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code GET}, {@code PUT} and {@code DELETE} of a simulator's fault knobs (settings {@code S}, changed by a
 * {@code C}, shown as a {@code V}), for tests and benchmarks; changing them takes the control token. Each simulator
 * extends it as its {@code @RestController} on {@code /simulator/faults}, naming its own types: Spring reads the
 * request body as the subclass's {@code C}.
 */
public abstract class FaultsEndpoint<S, C extends KnobsChange<S>, V> {

    private final FaultKnobs<S> faults;
    private final Function<S, V> view;

    protected FaultsEndpoint(FaultKnobs<S> faults, Function<S, V> view) {
        this.faults = faults;
        this.view = view;
    }

    @GetMapping
    public V current() {
        return view.apply(faults.current());
    }

    @PutMapping
    public ResponseEntity<?> change(@RequestBody C change) {
        Optional<String> problem = change.problem();
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(new ErrorMessage(problem.get()));
        }
        return ResponseEntity.ok(view.apply(faults.change(change::applyTo)));
    }

    @DeleteMapping
    public V restoreConfigured() {
        return view.apply(faults.restoreConfigured());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ErrorMessage> unreadable(HttpMessageNotReadableException ignored) {
        return ResponseEntity.badRequest().body(new ErrorMessage(
                "The request body is missing or is not JSON with the knobs' types (numbers, and true or false for down)"));
    }
}
