package io.paygate.webhook.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery is tried again: after its n-th failed attempt, the n-th wait; after as many failures as there are
 * waits, never again. Checkout.com's own schedule is the default (5m, 10m, 15m, 30m, 1h, 4h, 12h, 12h: nine attempts
 * over about 30 hours).
 */
public record RetrySchedule(List<Duration> waits) {

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.isEmpty() || waits.stream().anyMatch(wait -> wait.isNegative() || wait.isZero())) {
            throw new IllegalArgumentException("paygate.webhooks.delivery.retry-schedule needs at least one positive "
                    + "wait, e.g. 5m,10m,1h");
        }
    }

    /** The wait before the next attempt after {@code failedAttempts} failures; empty once the schedule is spent. */
    public Optional<Duration> after(int failedAttempts) {
        return failedAttempts >= 1 && failedAttempts <= waits.size()
                ? Optional.of(waits.get(failedAttempts - 1)) : Optional.empty();
    }

    /** Attempts a delivery gets that fails every time. */
    public int maxAttempts() {
        return waits.size() + 1;
    }
}
