package io.paygate.webhook.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ofMinutes(5),
            Duration.ofMinutes(10)));

    @Test
    void succeeds_on_a_2xx_answer() {
        for (int code : new int[] {200, 201, 204, 299}) {
            assertThat(delivery(Delivery.PENDING, 0).after(attempt(code), SCHEDULE))
                    .isEqualTo(new Delivery.Outcome(Delivery.SUCCEEDED, null));
        }
    }

    @Test
    void schedules_the_next_attempt_after_a_failure_while_waits_remain() {
        assertThat(delivery(Delivery.PENDING, 0).after(attempt(500), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.PENDING, NOW.plus(Duration.ofMinutes(5))));
        assertThat(delivery(Delivery.PENDING, 1).after(attempt(302), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.PENDING, NOW.plus(Duration.ofMinutes(10))));
        assertThat(delivery(Delivery.PENDING, 1).after(new DeliveryAttempt(NOW, null, "timeout", 10_000), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.PENDING, NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void fails_once_the_schedule_is_spent() {
        assertThat(delivery(Delivery.PENDING, 2).after(attempt(503), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.FAILED, null));
    }

    @Test
    void settles_a_redelivery_of_a_settled_delivery_by_its_one_attempt() {
        assertThat(delivery(Delivery.FAILED, 3).after(attempt(500), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.FAILED, null));
        assertThat(delivery(Delivery.FAILED, 3).after(attempt(200), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.SUCCEEDED, null));
        assertThat(delivery(Delivery.SUCCEEDED, 1).after(attempt(500), SCHEDULE))
                .isEqualTo(new Delivery.Outcome(Delivery.FAILED, null));
    }

    private static DeliveryAttempt attempt(int statusCode) {
        return new DeliveryAttempt(NOW, statusCode, statusCode < 300 ? null : "http_" + statusCode, 12);
    }

    private static Delivery delivery(String status, int failedAttempts) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < failedAttempts; i++) {
            attempts.add(attempt(500));
        }
        return new Delivery("dlv_2c7kq5mzq3xbfpyzj6u4ozwy3a", "wh_y3oqhf46pyzuxjbcn2giaqnb44", "mer_1",
                "evt_az3mqxvq5p4edf4xfu2wbr7mzu", "payment_captured", "{}", status, attempts, NOW, null, NOW, null);
    }
}
