package io.paygate.lionbank.behaviour;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.model.InjectedFault;
import io.paygate.lionbank.store.AuthorizationLedger;
import io.paygate.simulator.FaultKnobs;

/** Makes the host as slow and as unreliable as its current {@link FaultSettings} say. */
@Component
public class SimulatedFaults extends FaultKnobs<FaultSettings> {

    private final AuthorizationLedger ledger;
    private final ApplicationEventPublisher events;

    public SimulatedFaults(LionbankProperties properties, AuthorizationLedger ledger, ApplicationEventPublisher events) {
        super(FaultSettings.configured(properties));
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    protected void changed(FaultSettings now) {
        events.publishEvent(new FaultsChanged(now));
    }

    /**
     * Holds a request just read (anything but an echo) for the latency, unless a fault takes it first: the close
     * rate is drawn first, then the drop rate, each alone meaning exactly what it says. A fault is counted and
     * returned; the caller then neither decides nor answers the request.
     */
    public Optional<InjectedFault> disrupt() throws InterruptedException {
        FaultSettings now = current();
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
