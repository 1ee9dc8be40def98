package io.paygate.payment.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Work a payment owes beyond the request that made it, and when it falls due. It is what the sweeper finds a payment
 * by, so a payment that owes nothing costs the sweeper nothing, however long it stays stored.
 *
 * @param dueAt    when the work is next to be done; also the version a sweeper claims the work by
 * @param attempts how many times the work has been handed to the broker so far
 */
public record Obligation(Kind kind, Instant dueAt, int attempts) {

    /** What is owed. A payment owes at most one thing at a time. */
    public enum Kind {
        /** The authorisation command, to be sent (again) while the payment is pending. */
        AUTHORIZATION,
        /** A reversal of any approval the bank may have given, for a decline that may leave one. */
        REVERSAL,
        /** The oldest pending action (capture, void, refund): its command, to be sent (again) until answered. */
        ACTION,
        /** The end of an authorisation's lifetime, when what nobody captured is voided. */
        EXPIRY
    }

    public Obligation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        // The store keeps milliseconds, and the due time is compared with what the store holds.
        dueAt = dueAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** The same work, handed over once more, due again at {@code nextDueAt}. */
    Obligation attempted(Instant nextDueAt) {
        return new Obligation(kind, nextDueAt, attempts + 1);
    }

    /** The same work, not handed over after all, due again at {@code nextDueAt}. */
    Obligation dueAgainAt(Instant nextDueAt) {
        return new Obligation(kind, nextDueAt, attempts);
    }
}
