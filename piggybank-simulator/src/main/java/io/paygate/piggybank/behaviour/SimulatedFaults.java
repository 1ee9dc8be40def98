package io.paygate.piggybank.behaviour;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.store.AuthorizationLedger;
import io.paygate.simulator.FaultKnobs;

/**
 * Makes the bank as slow and as unreliable as its current {@link FaultSettings} say.
 *
 * <p>Waiting requests run on virtual threads ({@code spring.threads.virtual.enabled}), so thousands of slow or
 * hanging requests hold no platform thread. Every wait ends early when the server starts shutting down: a request
 * held for 30 s would otherwise keep graceful shutdown waiting for its whole timeout.
 */
@Component
public class SimulatedFaults extends FaultKnobs<FaultSettings> implements SmartLifecycle {

    private final AuthorizationLedger ledger;
    private final CountDownLatch shuttingDown = new CountDownLatch(1);
    private volatile boolean running;

    public SimulatedFaults(PiggybankProperties properties, AuthorizationLedger ledger) {
        super(FaultSettings.configured(properties));
        this.ledger = ledger;
    }

    /** The bank-down fault when the switch is on: the request is turned away before anything else looks at it. */
    public Optional<InjectedFault> refusalWhileDown() {
        if (!current().down()) {
            return Optional.empty();
        }
        ledger.recordInjectedFault(InjectedFault.BANK_DOWN);
        return Optional.of(InjectedFault.BANK_DOWN);
    }

    /**
     * Holds a well-formed authorisation, capture, void or refund for as long as the settings say, then names the
     * fault that answers it instead of the issuer, or nothing when the issuer may decide it. The hang is drawn first; a request that does
     * not hang waits the latency and is then drawn for a 503, so with both rates set the share of injected 503s
     * is {@code (1 - hangRate) * unavailableRate}, and each rate alone means exactly what it says.
     */
    public Optional<InjectedFault> disrupt() {
        FaultSettings now = current();
        RandomGenerator random = ThreadLocalRandom.current();
        if (now.hangs(random)) {
            // Counted as the hang starts, so that a test sees it while its caller is still waiting.
            ledger.recordInjectedFault(InjectedFault.HANG);
            pause(now.hangFor());
            return Optional.of(InjectedFault.HANG);
        }
        pause(now.latency(random));
        if (now.failsAtRandom(random)) {
            ledger.recordInjectedFault(InjectedFault.UNAVAILABLE);
            return Optional.of(InjectedFault.UNAVAILABLE);
        }
        return Optional.empty();
    }

    public void delayReversal() {
        pause(current().latency(ThreadLocalRandom.current()));
    }

    private void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            shuttingDown.await(TimeUnit.NANOSECONDS.convert(duration), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Shutting down: answer now rather than drop a request the caller is waiting for.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Stops before the web server's graceful shutdown (this bean's default phase is higher), so held requests are
     * answered at once and the graceful shutdown has nothing to wait for.
     */
    @Override
    public void stop() {
        running = false;
        shuttingDown.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
