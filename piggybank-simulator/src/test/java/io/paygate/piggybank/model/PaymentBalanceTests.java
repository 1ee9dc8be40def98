package io.paygate.piggybank.model;

import static io.paygate.piggybank.model.PaymentAction.capture;
import static io.paygate.piggybank.model.PaymentAction.refund;
import static io.paygate.piggybank.model.PaymentAction.voiding;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.paygate.piggybank.model.PaymentBalance.Hold;

class PaymentBalanceTests {

    private final PaymentBalance authorized = PaymentBalance.of(1000);

    @Test
    void captures_part_then_the_rest_of_the_authorised_amount() {
        PaymentBalance balance = done(done(authorized, capture(400, false)), capture(600, false));

        assertThat(balance).isEqualTo(new PaymentBalance(1000, 1000, 0, Hold.OPEN));
        assertThat(balance.refusal(capture(1, false))).contains(PaymentBalance.AMOUNT_EXCEEDS_AUTHORIZED);
    }

    @Test
    void never_captures_beyond_the_authorised_amount() {
        PaymentBalance partlyCaptured = done(authorized, capture(700, false));

        assertThat(partlyCaptured.refusal(capture(301, false))).contains(PaymentBalance.AMOUNT_EXCEEDS_AUTHORIZED);
        assertThat(partlyCaptured.capturesMoreThanAuthorized(capture(301, false))).isTrue();
        assertThat(partlyCaptured.refusal(capture(300, false))).isEmpty();
        assertThat(partlyCaptured.capturesMoreThanAuthorized(capture(300, false))).isFalse();
    }

    @Test
    void cannot_be_overflowed_by_a_huge_amount() {
        PaymentBalance captured = done(done(authorized, capture(1000, false)), refund(10));

        assertThat(captured.capturesMoreThanAuthorized(capture(Long.MAX_VALUE, false))).isTrue();
        assertThat(captured.refundsMoreThanCaptured(refund(Long.MAX_VALUE))).isTrue();
    }

    @Test
    void releases_the_rest_with_a_final_capture() {
        PaymentBalance closed = done(authorized, capture(250, true));

        assertThat(closed).isEqualTo(new PaymentBalance(1000, 250, 0, Hold.CLOSED));
        assertThat(closed.refusal(capture(1, false))).contains(PaymentBalance.AUTHORIZATION_CLOSED);
        assertThat(closed.refusal(voiding())).contains(PaymentBalance.ALREADY_CAPTURED);
        assertThat(closed.refusal(refund(250))).isEmpty();
    }

    @Test
    void voids_a_hold_nothing_was_captured_from() {
        PaymentBalance voided = done(authorized, voiding());

        assertThat(voided.hold()).isEqualTo(Hold.VOIDED);
        assertThat(voided.refusal(capture(1, false))).contains(PaymentBalance.AUTHORIZATION_VOIDED);
        assertThat(voided.refusal(voiding())).contains(PaymentBalance.AUTHORIZATION_VOIDED);
        assertThat(voided.refusal(refund(1))).contains(PaymentBalance.AMOUNT_EXCEEDS_CAPTURED);
    }

    @Test
    void does_not_void_once_something_was_captured() {
        PaymentBalance partlyCaptured = done(authorized, capture(1, false));

        assertThat(partlyCaptured.refusal(voiding())).contains(PaymentBalance.ALREADY_CAPTURED);
    }

    @Test
    void refunds_at_most_what_was_captured() {
        PaymentBalance captured = done(authorized, capture(600, false));

        PaymentBalance refunded = done(captured, refund(400));

        assertThat(refunded).isEqualTo(new PaymentBalance(1000, 600, 400, Hold.OPEN));
        assertThat(refunded.refusal(refund(201))).contains(PaymentBalance.AMOUNT_EXCEEDS_CAPTURED);
        assertThat(refunded.refundsMoreThanCaptured(refund(201))).isTrue();
        assertThat(refunded.refusal(refund(200))).isEmpty();
        assertThat(authorized.refusal(refund(1))).contains(PaymentBalance.AMOUNT_EXCEEDS_CAPTURED);
    }

    @Test
    void keeps_capturing_after_a_refund_within_the_authorised_amount() {
        PaymentBalance balance = done(done(authorized, capture(600, false)), refund(600));

        assertThat(balance.refusal(capture(400, false))).isEmpty();
        assertThat(balance.refusal(capture(401, false))).contains(PaymentBalance.AMOUNT_EXCEEDS_AUTHORIZED);
    }

    @Test
    void ends_an_open_hold_on_reversal_and_keeps_what_was_captured_refundable() {
        PaymentBalance reversed = done(authorized, capture(300, false)).reversed();

        assertThat(reversed).isEqualTo(new PaymentBalance(1000, 300, 0, Hold.REVERSED));
        assertThat(reversed.refusal(capture(1, false))).contains(PaymentBalance.AUTHORIZATION_REVERSED);
        assertThat(reversed.refusal(voiding())).contains(PaymentBalance.AUTHORIZATION_REVERSED);
        assertThat(reversed.refusal(refund(300))).isEmpty();
    }

    @Test
    void keeps_a_released_hold_as_it_was_on_reversal() {
        PaymentBalance voided = done(authorized, voiding());

        assertThat(voided.reversed()).isEqualTo(voided);
    }

    private static PaymentBalance done(PaymentBalance balance, PaymentAction action) {
        assertThat(balance.refusal(action)).isEmpty();
        return balance.after(action);
    }
}
