package io.paygate.payment.adapter.in.schedule;

import io.paygate.payment.application.PaymentSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link PaymentSweeper} every {@code interval} on one thread of its own, on every instance: the sweeper's
 * claims keep instances from acting on one payment together.
 * <p>
 * On shutdown it is the first to stop (the highest phase): it stops claiming, lets the item in hand finish within
 * {@code stopWithin}, and is gone before the web server drains and the listeners stop. Work it claimed and did not do
 * falls due again for another instance.
 */
public class SweepSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final PaymentSweeper sweeper;
    private final Duration interval;
    private final Duration stopWithin;
    private ScheduledExecutorService executor;

    /**
     * @param stopWithin how long a shutdown waits for the sweep in progress: one publication's confirm and a write
     */
    public SweepSchedule(PaymentSweeper sweeper, Duration interval, Duration stopWithin) {
        this.sweeper = sweeper;
        this.interval = interval;
        this.stopWithin = stopWithin;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("payment-sweeper").factory());
        executor.scheduleWithFixedDelay(this::sweepOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            // An unhandled exception would cancel every later sweep; the store or the broker may be back next time.
            log.error("Sweep failed; trying again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        sweeper.stopClaiming();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(stopWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The sweep in progress did not end within {}; interrupting it", stopWithin);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
