package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentEvent;

import java.time.Instant;
import java.util.List;

/** What an operator is shown of the payments this instance handles (an adapter makes metrics of it). */
public interface PaymentActivity {

    /** A change of {@code payment} was written, with the events it made. */
    void recorded(Payment payment, List<PaymentEvent> events);

    /** A sweep found this work due at {@code now}, the longest overdue first, at most one batch of it. */
    void due(Instant now, List<OwedWork> work);
}
