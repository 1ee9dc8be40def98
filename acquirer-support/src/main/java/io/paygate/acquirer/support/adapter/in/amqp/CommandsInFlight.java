package io.paygate.acquirer.support.adapter.in.amqp;

import io.micrometer.context.ContextSnapshotFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The commands taken off the queue and not yet settled (acknowledged, rejected or returned), each on a virtual thread
 * of its own, so that how many the adapter works on at once is a setting, not a count of consumer threads. Prefetch
 * alone would bound them as long as every consumer kept its channel, but a consumer whose channel was reopened gets a
 * fresh window while the commands of the old one still run: the permits hold the bound then too. On shutdown they
 * tell when the commands in flight have settled, so that the channels they came on can close.
 */
class CommandsInFlight {

    private final int limit;
    private final Semaphore permits;
    private final ThreadFactory threads = Thread.ofVirtual().name("command-", 0).factory();
    private final ContextSnapshotFactory contexts;
    private volatile boolean closed;

    /** @param contexts what of the consumer's context each command carries to its thread */
    CommandsInFlight(int limit, ContextSnapshotFactory contexts) {
        if (limit < 1) {
            throw new IllegalArgumentException("paygate.acquirer.max-in-flight must be at least 1");
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.contexts = contexts;
    }

    int limit() {
        return limit;
    }

    int count() {
        return limit - permits.availablePermits();
    }

    /**
     * Runs the command on a virtual thread of its own, once fewer than the limit are in flight: until then the
     * calling consumer waits, which stops it taking more. The command runs in the consumer's context (the span of the
     * message, so the payment's trace, and the trace id in its log lines).
     *
     * @return {@code false} when closed (or interrupted while waiting): the command was not started, and is left
     *         unsettled for the broker to hand out again once its channel closes
     */
    boolean start(Runnable command) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (closed) {
            permits.release();
            return false;
        }
        Runnable inContext = contexts.captureAll().wrap(command);
        try {
            threads.newThread(() -> {
                try {
                    inContext.run();
                } finally {
                    permits.release();
                }
            }).start();
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        return true;
    }

    /** Starts commands again, after {@link #close}. */
    void open() {
        closed = false;
    }

    /**
     * Starts no more commands, and waits until those in flight have settled. Commands still running after the grace
     * are left to finish on their own: their channel closes under them and the broker hands them out again.
     *
     * @return whether all settled within the grace
     */
    boolean close(Duration grace) {
        closed = true;
        try {
            if (permits.tryAcquire(limit, grace.toNanos(), TimeUnit.NANOSECONDS)) {
                permits.release(limit);
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
