package io.paygate.simulator;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulator's fault settings {@code S}, immutable: the configured ones at start, replaceable at run time. They sit
 * behind an atomic reference, so a change is a single swap and each request reads one consistent set. Each simulator
 * extends it with how its settings disrupt a request.
 */
public abstract class FaultKnobs<S> {

    private static final Logger log = LoggerFactory.getLogger(FaultKnobs.class);

    private final S configured;
    private final AtomicReference<S> settings;

    protected FaultKnobs(S configured) {
        this.configured = configured;
        this.settings = new AtomicReference<>(configured);
        log.info("Simulating {}", configured);
    }

    public S current() {
        return settings.get();
    }

    /** Applies {@code change} atomically; it may run more than once under contention, so it must be a pure function. */
    public S change(UnaryOperator<S> change) {
        S changed = settings.updateAndGet(change);
        log.info("Now simulating {}", changed);
        changed(changed);
        return changed;
    }

    public S restoreConfigured() {
        settings.set(configured);
        log.info("Restored the configured {}", configured);
        changed(configured);
        return configured;
    }

    /** After every change, for a simulator that must act on new settings at once rather than at the next request. */
    protected void changed(S now) {
    }
}
