package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentEvent;

import java.util.List;
import java.util.Objects;

/**
 * Events of one payment to hand to the broker, with the payment they tell of (its merchant, reference, card summary
 * and metadata go with each event).
 *
 * @param traceParent the trace of the change that made them ({@link CurrentTrace}), which their webhook deliveries
 *                    join; {@code null} when it was not traced
 */
public record EventsOfPayment(Payment payment, List<PaymentEvent> events, String traceParent) {

    public EventsOfPayment {
        Objects.requireNonNull(payment, "payment");
        events = List.copyOf(events);
    }

    public List<String> eventIds() {
        return events.stream().map(PaymentEvent::id).toList();
    }
}
