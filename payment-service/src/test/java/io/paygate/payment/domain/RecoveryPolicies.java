package io.paygate.payment.domain;

import java.time.Duration;

/** The recovery policy tests go by where its values do not matter: the service's defaults, but a shorter backoff cap. */
public final class RecoveryPolicies {

    public static final RecoveryPolicy DEFAULTS = new RecoveryPolicy(Duration.ofSeconds(15), Duration.ofSeconds(2),
            Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofHours(24),
            Duration.ofDays(7));

    private RecoveryPolicies() {
    }
}
