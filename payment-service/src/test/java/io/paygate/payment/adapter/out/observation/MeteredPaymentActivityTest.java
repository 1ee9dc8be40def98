package io.paygate.payment.adapter.out.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.events.ResponseCode;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.RecoveryPolicies;
import io.paygate.payment.domain.Routes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The business metrics come from the events a change makes, and the owed work from what a sweep found. */
class MeteredPaymentActivityTest {

    private static final Instant REQUESTED_ON = Instant.parse("2030-01-31T10:15:30.045Z");
    private static final Instant DECIDED_ON = REQUESTED_ON.plusMillis(850);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MeteredPaymentActivity activity = new MeteredPaymentActivity(registry);

    @Test
    void counts_each_decision_by_acquirer_status_and_response_code_and_times_it_from_the_request() {
        record(pending(CapturePlan.MANUAL).authorize("770687", DECIDED_ON, DECIDED_ON, RecoveryPolicies.DEFAULTS));
        record(pending(CapturePlan.MANUAL).decline(ResponseCode.fromCode("20051"), DECIDED_ON, DECIDED_ON,
                RecoveryPolicies.DEFAULTS));

        assertThat(registry.get("paygate.payments").tags("acquirer", "piggybank", "status", "authorized",
                "response_code", "10000").counter().count()).isEqualTo(1);
        assertThat(registry.get("paygate.payments").tags("status", "declined", "response_code", "20051").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("paygate.payment.authorization").tags("acquirer", "piggybank", "status", "authorized")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(850);
        assertThat(registry.find("paygate.payments").meters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .extracting(tag -> tag.getKey()).containsOnly("acquirer", "status", "response_code"));
    }

    @Test
    void counts_an_answered_capture_as_an_action_not_as_a_payment() {
        Payment approved = pending(CapturePlan.IMMEDIATE).authorize("770687", DECIDED_ON, DECIDED_ON,
                RecoveryPolicies.DEFAULTS);
        Payment captured = approved.settleAction(approved.owedAction().id(), ResponseCode.APPROVED, "ref-1",
                DECIDED_ON, DECIDED_ON, RecoveryPolicies.DEFAULTS).orElseThrow();

        activity.recorded(captured, captured.eventsSince(approved, DECIDED_ON));

        assertThat(registry.get("paygate.payment.actions").tags("acquirer", "piggybank", "action", "capture",
                "outcome", "approved").counter().count()).isEqualTo(1);
        assertThat(registry.find("paygate.payments").counters()).isEmpty();
    }

    @Test
    void shows_how_much_work_of_each_kind_the_last_sweep_found_due_and_how_overdue_the_oldest_was() {
        Instant now = REQUESTED_ON.plusSeconds(60);
        Payment owing = pending(CapturePlan.MANUAL);
        Payment longOwing = pending(CapturePlan.MANUAL);

        activity.due(now, List.of(new OwedWork(longOwing, null, null), new OwedWork(owing, null, null)));

        Duration overdue = Duration.between(owing.owed().dueAt(), now);
        assertThat(registry.get("paygate.owed.work").tag("kind", "authorization").gauge().value()).isEqualTo(2);
        assertThat(registry.get("paygate.owed.work.oldest").tag("kind", "authorization").gauge().value())
                .isEqualTo(overdue.toMillis() / 1000.0);
        assertThat(registry.get("paygate.owed.work").tag("kind", "reversal").gauge().value()).isZero();

        activity.due(now, List.of());

        assertThat(registry.get("paygate.owed.work").tag("kind", "authorization").gauge().value()).isZero();
    }

    private void record(Payment decided) {
        activity.recorded(decided, decided.eventsSince(pending(CapturePlan.MANUAL), DECIDED_ON));
    }

    private static Payment pending(CapturePlan capture) {
        return Payment.request("mer_1", new Money(1000, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                Routes.PIGGY_BANK, "ORD-1", null, Map.of(), capture, REQUESTED_ON, RecoveryPolicies.DEFAULTS);
    }
}
