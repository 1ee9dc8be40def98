package io.paygate.acquirer.support.domain;

import io.paygate.events.card.CardData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CardAuthorizationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(6);

    @Test
    void a_request_over_by_the_expiry_may_start() {
        assertThat(expiringAt(NOW.plus(LONGEST_REQUEST)).endsBeforeExpiry(NOW, LONGEST_REQUEST)).isTrue();
    }

    @Test
    void a_request_that_could_still_run_at_the_expiry_may_not_start() {
        assertThat(expiringAt(NOW.plus(LONGEST_REQUEST).minusMillis(1)).endsBeforeExpiry(NOW, LONGEST_REQUEST)).isFalse();
        assertThat(expiringAt(NOW.minusSeconds(1)).endsBeforeExpiry(NOW, LONGEST_REQUEST)).isFalse();
    }

    @Test
    void a_command_without_expiry_never_expires() {
        assertThat(expiringAt(null).endsBeforeExpiry(Instant.MAX.minus(LONGEST_REQUEST), LONGEST_REQUEST)).isTrue();
    }

    private static CardAuthorization expiringAt(Instant expiresAt) {
        return new CardAuthorization("pay_1", "acq_merchant_1", new CardData("4111111111111111", "737", 3, 2030), 1050, "GBP", expiresAt);
    }
}
