package io.paygate.webhook.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryScheduleTest {

    private static final RetrySchedule CHECKOUT = new RetrySchedule(List.of(Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(4), Duration.ofHours(12), Duration.ofHours(12)));

    @Test
    void waits_the_nth_wait_after_the_nth_failure() {
        assertThat(CHECKOUT.after(1)).contains(Duration.ofMinutes(5));
        assertThat(CHECKOUT.after(2)).contains(Duration.ofMinutes(10));
        assertThat(CHECKOUT.after(5)).contains(Duration.ofHours(1));
        assertThat(CHECKOUT.after(8)).contains(Duration.ofHours(12));
    }

    @Test
    void gives_up_once_every_wait_is_spent() {
        assertThat(CHECKOUT.after(9)).isEmpty();
        assertThat(CHECKOUT.after(0)).isEmpty();
        assertThat(CHECKOUT.maxAttempts()).isEqualTo(9);
    }

    @Test
    void refuses_an_empty_schedule_or_a_wait_that_is_not_positive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO)));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(-1))));
    }

    @Test
    void takes_the_default_schedule_from_the_properties() {
        DeliveryProperties defaults = new DeliveryProperties(Duration.ofSeconds(10), CHECKOUT.waits(), 4,
                "https://localhost:8443", Duration.ofSeconds(1), 200, 2, Duration.ofSeconds(1));

        assertThat(new RetrySchedule(defaults.retrySchedule())).isEqualTo(CHECKOUT);
    }
}
