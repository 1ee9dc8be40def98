package io.paygate.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many events (failed authentications, requests) each key may still have: up to {@code limit} within
 * {@code window}, spent one by one and earned back at an even pace (the generic cell rate algorithm: one timestamp
 * per key, no timer, no lock). The limit is given per call, so keys with different limits share one budget.
 * Keys idle for two windows are forgotten: their budget is whole again by then.
 */
final class RateBudget {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    /** Per key, the time at which its budget is whole again. */
    private final Cache<String, AtomicLong> fullAt;

    RateBudget(Duration window, long keys, LongSupplier nanoClock) {
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.fullAt = Caffeine.newBuilder().maximumSize(keys).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** How long the key must wait before its next event fits in the budget; zero when it fits now. */
    Duration retryAfter(String key, int limit) {
        AtomicLong whole = fullAt.getIfPresent(key);
        return whole == null ? Duration.ZERO : wait(whole.get(), nanoClock.getAsLong(), limit);
    }

    /** Spends one event of the key's budget, whether it fits or not (the event has happened). */
    void spend(String key, int limit) {
        long now = nanoClock.getAsLong();
        long spacing = spacing(limit);
        fullAt.get(key, ignored -> new AtomicLong(now)).getAndUpdate(whole -> Math.max(whole, now) + spacing);
    }

    /**
     * Spends one event of the key's budget if it fits.
     *
     * @return zero when it was spent; else how long the key must wait, and nothing was spent
     */
    Duration trySpend(String key, int limit) {
        long now = nanoClock.getAsLong();
        long spacing = spacing(limit);
        AtomicLong whole = fullAt.get(key, ignored -> new AtomicLong(now));
        while (true) {
            long current = whole.get();
            Duration wait = wait(current, now, limit);
            if (!wait.isZero()) {
                return wait;
            }
            if (whole.compareAndSet(current, Math.max(current, now) + spacing)) {
                return Duration.ZERO;
            }
        }
    }

    private Duration wait(long whole, long now, int limit) {
        long wait = whole - now - windowNanos + spacing(limit);
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    private long spacing(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A budget allows at least one event per window, not " + limit);
        }
        return windowNanos / limit;
    }
}
