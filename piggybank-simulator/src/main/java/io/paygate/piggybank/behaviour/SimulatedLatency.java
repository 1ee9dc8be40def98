package io.paygate.piggybank.behaviour;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.paygate.piggybank.PiggybankProperties;

/**
 * Makes the bank as slow as configured. Requests run on virtual threads, so a sleeping request holds no
 * platform thread and thousands can wait at once.
 */
@Component
public class SimulatedLatency {

    private static final Logger log = LoggerFactory.getLogger(SimulatedLatency.class);

    private final Duration fixed;
    private final long jitterNanos;

    public SimulatedLatency(PiggybankProperties properties) {
        this.fixed = properties.latency().fixed();
        this.jitterNanos = properties.latency().jitter().toNanos();
        if (!fixed.isZero() || jitterNanos > 0) {
            log.info("Answering authorisations after {} plus up to {} of jitter", fixed, properties.latency().jitter());
        }
    }

    public void await() {
        Duration delay = jitterNanos == 0 ? fixed : fixed.plusNanos(ThreadLocalRandom.current().nextLong(jitterNanos + 1));
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            // Shutting down: answer now rather than drop a request the caller is waiting for.
            Thread.currentThread().interrupt();
        }
    }
}
