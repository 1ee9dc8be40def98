package io.paygate.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many failures each client may still have: {@code limit} within {@code period}, spent one by one and earned
 * back at an even pace (the generic cell rate algorithm: one timestamp per client, no timer). A client over its
 * budget is refused until it has earned one failure back.
 */
final class FailureBudget {

    private final long spacingNanos;
    private final long burstNanos;
    private final LongSupplier nanoClock;
    /** Per client, the time at which its budget is whole again; clients that stop failing are forgotten. */
    private final Cache<String, AtomicLong> fullAt;

    FailureBudget(int limit, Duration period, int clients, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("A failure budget allows at least one failure");
        }
        this.spacingNanos = period.toNanos() / limit;
        this.burstNanos = period.toNanos();
        this.nanoClock = nanoClock;
        this.fullAt = Caffeine.newBuilder().maximumSize(clients).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** How long the client must wait before it may fail again; zero when it may go on. */
    Duration retryAfter(String client) {
        AtomicLong whole = fullAt.getIfPresent(client);
        if (whole == null) {
            return Duration.ZERO;
        }
        long wait = whole.get() - nanoClock.getAsLong() - burstNanos + spacingNanos;
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /** Spends one failure of the client's budget. */
    void fail(String client) {
        long now = nanoClock.getAsLong();
        fullAt.get(client, ignored -> new AtomicLong(now))
                .getAndUpdate(whole -> Math.max(whole, now) + spacingNanos);
    }
}
