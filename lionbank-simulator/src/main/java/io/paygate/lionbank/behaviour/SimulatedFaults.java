package io.paygate.lionbank.behaviour;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.model.InjectedFault;
import io.paygate.lionbank.store.AuthorizationLedger;

/**
 * Makes the host as slow and as unreliable as its current {@link FaultSettings} say, and lets them be replaced at
 * run time: one immutable record behind an atomic reference, so a change is a single swap and each request reads
 * one consistent set.
 */
@Component
public class SimulatedFaults {

    private static final Logger log = LoggerFactory.getLogger(SimulatedFaults.class);

    private final FaultSettings configured;
    private final AtomicReference<FaultSettings> settings;
    private final AuthorizationLedger ledger;
    private final ApplicationEventPublisher events;

    public SimulatedFaults(LionbankProperties properties, AuthorizationLedger ledger, ApplicationEventPublisher events) {
        this.configured = FaultSettings.configured(properties);
        this.settings = new AtomicReference<>(configured);
        this.ledger = ledger;
        this.events = events;
        log.info("Simulating {}", configured);
    }

    public FaultSettings current() {
        return settings.get();
    }

    /** Applies {@code change} atomically; it may run more than once under contention, so it must be a pure function. */
    public FaultSettings change(UnaryOperator<FaultSettings> change) {
        FaultSettings changed = settings.updateAndGet(change);
        log.info("Now simulating {}", changed);
        events.publishEvent(new FaultsChanged(changed));
        return changed;
    }

    public FaultSettings restoreConfigured() {
        return change(ignored -> configured);
    }

    /**
     * Holds an authorisation or reversal just read for the latency, unless a fault takes it first: the close rate is
     * drawn first, then the drop rate, each alone meaning exactly what it says. A fault is counted and returned;
     * the caller then neither decides nor answers the request.
     */
    public Optional<InjectedFault> disrupt() throws InterruptedException {
        FaultSettings now = settings.get();
        RandomGenerator random = ThreadLocalRandom.current();
        if (now.closes(random)) {
            return injected(InjectedFault.CONNECTION_CLOSED);
        }
        if (now.drops(random)) {
            return injected(InjectedFault.DROPPED);
        }
        Duration latency = now.latency(random);
        if (!latency.isZero()) {
            Thread.sleep(latency);
        }
        return Optional.empty();
    }

    private Optional<InjectedFault> injected(InjectedFault fault) {
        ledger.recordInjectedFault(fault);
        return Optional.of(fault);
    }
}
