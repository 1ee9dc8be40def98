package io.paygate.payment.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When a payment's owed work is done again, and when the gateway stops waiting for the bank.
 *
 * @param resendAfter      how long after a send a command without answer is sent again; each further send waits
 *                         twice as long
 * @param republishAfter   how long after the broker failed to take a command it is published again
 * @param finalDeadline    how long after its request a payment still pending is declined as answered too late
 * @param reversalRetry    the first wait before a reversal the broker did not take is handed over again
 * @param reversalRetryMax the longest such wait; it doubles up to this
 * @param actionDeadline   how long after it is due a capture, void or refund without the bank's answer is recorded
 *                         declined {@code 20068}; its command is sent again until then, the wait doubling up to
 *                         {@code reversalRetryMax}
 * @param authorizationLifetime how long after its approval an authorisation may be captured; what nobody captured
 *                         by then is voided, and the payment is {@code Expired}
 */
public record RecoveryPolicy(Duration resendAfter, Duration republishAfter, Duration finalDeadline,
                             Duration reversalRetry, Duration reversalRetryMax, Duration actionDeadline,
                             Duration authorizationLifetime) {

    public RecoveryPolicy {
        Objects.requireNonNull(resendAfter, "resendAfter");
        Objects.requireNonNull(republishAfter, "republishAfter");
        Objects.requireNonNull(finalDeadline, "finalDeadline");
        Objects.requireNonNull(reversalRetry, "reversalRetry");
        Objects.requireNonNull(reversalRetryMax, "reversalRetryMax");
        Objects.requireNonNull(actionDeadline, "actionDeadline");
        Objects.requireNonNull(authorizationLifetime, "authorizationLifetime");
        if (finalDeadline.compareTo(resendAfter) <= 0) {
            throw new IllegalArgumentException("The final deadline must come after the first re-send");
        }
    }

    /** The wait after the {@code attempts}-th send of a command: doubled for each send after the first. */
    Duration resendWait(int attempts) {
        return doubled(resendAfter, attempts, finalDeadline);
    }

    /** The wait after the {@code attempts}-th send of an action's command. */
    Duration actionWait(int attempts) {
        return doubled(resendAfter, attempts, reversalRetryMax);
    }

    /** The wait after the {@code attempts}-th hand-over of a reversal. */
    Duration reversalWait(int attempts) {
        return doubled(reversalRetry, attempts, reversalRetryMax);
    }

    private static Duration doubled(Duration base, int attempts, Duration cap) {
        Duration wait = base;
        for (int i = 1; i < attempts && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) < 0 ? wait : cap;
    }
}
