package io.paygate.payment.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Whether the gateway captures an approved payment in full by itself, and when.
 *
 * @param automatic whether it does ({@code capture: true}, the default)
 * @param on        when, for a capture the merchant scheduled ({@code capture_on}); {@code null} for as soon as the
 *                  payment is authorised
 */
public record CapturePlan(boolean automatic, Instant on) {

    /** Captured as soon as it is authorised. */
    public static final CapturePlan IMMEDIATE = new CapturePlan(true, null);

    /** Left for the merchant to capture, void, or let expire. */
    public static final CapturePlan MANUAL = new CapturePlan(false, null);

    public CapturePlan {
        if (on != null && !automatic) {
            throw new IllegalArgumentException("A scheduled capture is an automatic one");
        }
        on = on == null ? null : on.truncatedTo(ChronoUnit.MILLIS);
    }
}
