package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private static final Instant REQUESTED_ON = Instant.parse("2030-01-31T10:15:30.045Z");
    private static final Instant PROCESSED_ON = Instant.parse("2030-01-31T10:15:30.312Z");
    private static final Instant DECIDED_ON = Instant.parse("2030-01-31T10:15:30.340Z");

    private static Payment pending() {
        return Payment.request("mer_1", new Money(1050, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                "ORD-5023", "Two books", Map.of("order_id", "5023"), REQUESTED_ON);
    }

    @Test
    void a_new_payment_is_pending_without_an_answer() {
        Payment payment = pending();

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.approved()).isFalse();
        assertThat(payment.responseCode()).isNull();
        assertThat(payment.processedOn()).isNull();
        assertThat(payment.id().value()).matches("pay_[a-z2-7]{26}");
        assertThat(payment.actionId().value()).matches("act_[a-z2-7]{26}");
    }

    @Test
    void an_approval_authorizes_a_pending_payment() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON);

        assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.approved()).isTrue();
        assertThat(authorized.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(authorized.authCode()).isEqualTo("770687");
        assertThat(authorized.processedOn()).isEqualTo(PROCESSED_ON);
        assertThat(authorized.decidedOn()).isEqualTo(DECIDED_ON);
    }

    @Test
    void a_refusal_declines_a_pending_payment_with_its_reason() {
        Payment declined = pending().decide(ResponseCode.INSUFFICIENT_FUNDS, null, PROCESSED_ON, DECIDED_ON);

        assertThat(declined.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined.approved()).isFalse();
        assertThat(declined.responseCode()).isEqualTo(ResponseCode.INSUFFICIENT_FUNDS);
        assertThat(declined.authCode()).isNull();
    }

    @Test
    void an_authorized_payment_cannot_be_decided_again() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON);

        assertThatThrownBy(() -> authorized.decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON))
                .isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> authorized.authorize("other", PROCESSED_ON, DECIDED_ON))
                .isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void a_declined_payment_cannot_be_authorized_later() {
        Payment declined = pending().decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON);

        assertThatThrownBy(() -> declined.decide(ResponseCode.APPROVED, "770687", PROCESSED_ON, DECIDED_ON))
                .isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void approval_is_not_a_reason_to_decline() {
        assertThatThrownBy(() -> pending().decline(ResponseCode.APPROVED, PROCESSED_ON, DECIDED_ON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keeps_instants_to_the_millisecond_the_store_keeps() {
        Payment payment = Payment.request("mer_1", new Money(1, "JPY"), CardSummary.of("4111111111111111", 1, 2031),
                null, null, null, Instant.parse("2030-01-31T10:15:30.045123456Z"));

        assertThat(payment.requestedOn()).isEqualTo(REQUESTED_ON);
        assertThat(payment.metadata()).isEmpty();
    }

    @Test
    void cannot_be_restored_in_a_state_the_machine_never_produces() {
        Payment pending = pending();

        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), null, null, null, PaymentStatus.AUTHORIZED, ResponseCode.DO_NOT_HONOUR, null,
                REQUESTED_ON, PROCESSED_ON, DECIDED_ON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), null, null, null, PaymentStatus.PENDING, ResponseCode.APPROVED, null,
                REQUESTED_ON, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), null, null, null, PaymentStatus.AUTHORIZED, ResponseCode.APPROVED, "770687",
                REQUESTED_ON, PROCESSED_ON, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shows_a_decided_payment_as_it_was_requested() {
        Payment pending = pending();
        Payment authorized = pending.authorize("770687", PROCESSED_ON, DECIDED_ON);

        assertThat(authorized.asRequested()).isEqualTo(pending);
        assertThat(pending.asRequested()).isEqualTo(pending);
    }

    @Test
    void tells_whether_the_decision_was_recorded_before_an_instant() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON);

        assertThat(authorized.decidedBefore(DECIDED_ON.plusMillis(1))).isTrue();
        assertThat(authorized.decidedBefore(DECIDED_ON)).isFalse();
        assertThat(pending().decidedBefore(Instant.MAX)).isFalse();
    }

    @Test
    void a_pending_payment_times_out_as_declined_too_late() {
        Instant deadline = REQUESTED_ON.plusSeconds(60);

        Payment timedOut = pending().timeOut(deadline);

        assertThat(timedOut.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(timedOut.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(timedOut.authCode()).isNull();
        assertThat(timedOut.processedOn()).isEqualTo(deadline);
        assertThat(timedOut.decidedOn()).isEqualTo(deadline);
    }

    @Test
    void only_a_pending_payment_can_time_out() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON);
        Payment declined = pending().decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON);
        Payment timedOut = pending().timeOut(DECIDED_ON);

        assertThatThrownBy(() -> authorized.timeOut(DECIDED_ON)).isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> declined.timeOut(DECIDED_ON)).isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> timedOut.timeOut(DECIDED_ON)).isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void a_timed_out_payment_takes_no_late_answer() {
        Payment timedOut = pending().timeOut(DECIDED_ON);

        assertThatThrownBy(() -> timedOut.authorize("770687", PROCESSED_ON, DECIDED_ON))
                .isInstanceOf(PaymentNotPendingException.class);
    }
}
