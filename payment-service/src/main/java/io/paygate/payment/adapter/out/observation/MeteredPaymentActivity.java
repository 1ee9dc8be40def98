package io.paygate.payment.adapter.out.observation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paygate.events.PaymentEventType;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.application.PaymentActivity;
import io.paygate.payment.domain.Obligation;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentEvent;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the payments' events report, and shows the owed work the last sweep found. Every tag has a bounded
 * set of values (acquirer codes, statuses, response codes, action types): no merchant, payment or card data.
 */
@Component
class MeteredPaymentActivity implements PaymentActivity {

    private final MeterProvider<Counter> decisions;
    private final MeterProvider<Timer> authorizationLatency;
    private final MeterProvider<Counter> actions;
    private volatile Map<Obligation.Kind, DueWork> due = Map.of();

    MeteredPaymentActivity(MeterRegistry registry) {
        decisions = Counter.builder("paygate.payments")
                .description("Payments decided, by acquirer, status and response code")
                .withRegistry(registry);
        authorizationLatency = Timer.builder("paygate.payment.authorization")
                .description("From the payment request to its decision")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(2))
                .withRegistry(registry);
        actions = Counter.builder("paygate.payment.actions")
                .description("Captures, voids, refunds and expiry voids answered, by acquirer and outcome")
                .withRegistry(registry);
        for (Obligation.Kind kind : Obligation.Kind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            Gauge.builder("paygate.owed.work", () -> dueOf(kind).count())
                    .description("Payments owing this kind of work that the last sweep found due (at most a batch)")
                    .tag("kind", tag)
                    .register(registry);
            Gauge.builder("paygate.owed.work.oldest", () -> dueOf(kind).oldest().toMillis() / 1000.0)
                    .description("How long the longest overdue work of this kind was due when the last sweep ran")
                    .baseUnit("seconds")
                    .tag("kind", tag)
                    .register(registry);
        }
    }

    @Override
    public void recorded(Payment payment, List<PaymentEvent> events) {
        String acquirer = payment.route().current().acquirer();
        for (PaymentEvent event : events) {
            switch (event.type()) {
                case PAYMENT_APPROVED, PAYMENT_DECLINED -> {
                    String status = event.type() == PaymentEventType.PAYMENT_APPROVED ? "authorized" : "declined";
                    decisions.withTags("acquirer", acquirer, "status", status,
                            "response_code", event.responseCode().code()).increment();
                    authorizationLatency.withTags("acquirer", acquirer, "status", status)
                            .record(Duration.between(payment.requestedOn(), payment.decidedOn()));
                }
                case PAYMENT_PENDING -> {
                    // Not an outcome: the owed work (authorization) shows payments waiting for their bank.
                }
                default -> actions.withTags("acquirer", acquirer, "action", action(event.type()),
                        "outcome", event.responseCode().approved() ? "approved" : "declined").increment();
            }
        }
    }

    @Override
    public void due(Instant now, List<OwedWork> work) {
        Map<Obligation.Kind, DueWork> found = new EnumMap<>(Obligation.Kind.class);
        for (OwedWork item : work) {
            Duration overdue = Duration.between(item.owed().dueAt(), now);
            found.merge(item.owed().kind(), new DueWork(1, overdue), DueWork::plus);
        }
        due = found;
    }

    private DueWork dueOf(Obligation.Kind kind) {
        return due.getOrDefault(kind, DueWork.NONE);
    }

    private static String action(PaymentEventType type) {
        return switch (type) {
            case PAYMENT_CAPTURED, PAYMENT_CAPTURE_DECLINED -> "capture";
            case PAYMENT_VOIDED, PAYMENT_VOID_DECLINED -> "void";
            case PAYMENT_REFUNDED, PAYMENT_REFUND_DECLINED -> "refund";
            case PAYMENT_EXPIRED -> "expiry";
            case PAYMENT_APPROVED, PAYMENT_DECLINED, PAYMENT_PENDING ->
                    throw new IllegalArgumentException(type + " reports no action");
        };
    }

    private record DueWork(int count, Duration oldest) {

        static final DueWork NONE = new DueWork(0, Duration.ZERO);

        DueWork plus(DueWork other) {
            return new DueWork(count + other.count, oldest.compareTo(other.oldest) >= 0 ? oldest : other.oldest);
        }
    }
}
