package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    private static final Instant REQUESTED_ON = Instant.parse("2030-01-31T10:15:30.045Z");
    private static final Instant PROCESSED_ON = Instant.parse("2030-01-31T10:15:30.312Z");
    private static final Instant DECIDED_ON = Instant.parse("2030-01-31T10:15:30.340Z");
    private static final RecoveryPolicy POLICY = RecoveryPolicies.DEFAULTS;

    private static Payment pending() {
        return Payment.request("mer_1", new Money(1050, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                Routes.PIGGY_BANK, "ORD-5023", "Two books", Map.of("order_id", "5023"), CapturePlan.MANUAL, REQUESTED_ON, POLICY);
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
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.approved()).isTrue();
        assertThat(authorized.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(authorized.authCode()).isEqualTo("770687");
        assertThat(authorized.processedOn()).isEqualTo(PROCESSED_ON);
        assertThat(authorized.decidedOn()).isEqualTo(DECIDED_ON);
    }

    @Test
    void a_refusal_declines_a_pending_payment_with_its_reason() {
        Payment declined = pending().decide(new Decision(ResponseCode.INSUFFICIENT_FUNDS, null, PROCESSED_ON, DECIDED_ON), POLICY);

        assertThat(declined.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined.approved()).isFalse();
        assertThat(declined.responseCode()).isEqualTo(ResponseCode.INSUFFICIENT_FUNDS);
        assertThat(declined.authCode()).isNull();
    }

    @Test
    void an_authorized_payment_cannot_be_decided_again() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        assertThatThrownBy(() -> authorized.decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON, POLICY))
                .isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> authorized.authorize("other", PROCESSED_ON, DECIDED_ON, POLICY))
                .isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void a_declined_payment_cannot_be_authorized_later() {
        Payment declined = pending().decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON, POLICY);

        assertThatThrownBy(() -> declined.decide(new Decision(ResponseCode.APPROVED, "770687", PROCESSED_ON, DECIDED_ON), POLICY))
                .isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void approval_is_not_a_reason_to_decline() {
        assertThatThrownBy(() -> pending().decline(ResponseCode.APPROVED, PROCESSED_ON, DECIDED_ON, POLICY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keeps_instants_to_the_millisecond_the_store_keeps() {
        Payment payment = Payment.request("mer_1", new Money(1, "JPY"), CardSummary.of("4111111111111111", 1, 2031),
                Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, Instant.parse("2030-01-31T10:15:30.045123456Z"), POLICY);

        assertThat(payment.requestedOn()).isEqualTo(REQUESTED_ON);
        assertThat(payment.metadata()).isEmpty();
    }

    @Test
    void goes_to_the_next_acquirer_when_the_one_that_has_it_never_sent_it_to_its_bank() {
        Payment pending = routed();
        Instant now = REQUESTED_ON.plusSeconds(1);

        Payment moved = pending.failOver("piggybank", now, POLICY).orElseThrow();

        assertThat(moved.route().current()).isEqualTo(Routes.LION);
        assertThat(moved.isPending()).isTrue();
        assertThat(moved.owed()).isEqualTo(new Obligation(Obligation.Kind.AUTHORIZATION,
                now.plus(POLICY.resendWait(1)), 1));
        assertThat(moved.failOver("lionbank", now, POLICY)).as("the last acquirer's answer decides").isEmpty();
        assertThat(moved.failOver("piggybank", now, POLICY)).as("an old copy of the answer").isEmpty();
    }

    @Test
    void does_not_fail_over_a_decided_payment_nor_one_of_a_single_acquirer() {
        Instant now = REQUESTED_ON.plusSeconds(1);

        assertThat(pending().failOver("piggybank", now, POLICY)).isEmpty();
        assertThat(routed().decline(ResponseCode.ISSUER_UNAVAILABLE, PROCESSED_ON, DECIDED_ON, POLICY)
                .failOver("piggybank", now, POLICY)).isEmpty();
    }

    @Test
    void takes_a_decision_only_from_the_acquirer_that_has_the_payment() {
        Payment moved = routed().failOver("piggybank", REQUESTED_ON.plusSeconds(1), POLICY).orElseThrow();
        Decision fromPiggy = new Decision(ResponseCode.APPROVED, "770687", PROCESSED_ON, DECIDED_ON, "piggybank", null);
        Decision fromLion = new Decision(ResponseCode.APPROVED, "A1B2C3", PROCESSED_ON, DECIDED_ON, "lionbank",
                "634112000042");

        assertThatThrownBy(() -> moved.decide(fromPiggy, POLICY)).isInstanceOf(IllegalStateException.class);
        Payment authorized = moved.decide(fromLion, POLICY);
        assertThat(authorized.approved()).isTrue();
        assertThat(authorized.acquirerReference()).isEqualTo("634112000042");
        assertThat(authorized.route().current().acquirer()).isEqualTo("lionbank");
    }

    @Test
    void a_route_names_each_acquirer_once() {
        assertThatThrownBy(() -> Route.of(List.of(Routes.PIGGY, Routes.LION, Routes.PIGGY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Payment routed() {
        return Payment.request("mer_1", new Money(1050, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                Routes.PIGGY_THEN_LION, null, null, null, CapturePlan.MANUAL, REQUESTED_ON, POLICY);
    }

    @Test
    void cannot_be_restored_in_a_state_the_machine_never_produces() {
        Payment pending = pending();

        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, PaymentStatus.AUTHORIZED, ResponseCode.DO_NOT_HONOUR, null, null,
                REQUESTED_ON, PROCESSED_ON, DECIDED_ON, List.of(), null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, PaymentStatus.PENDING, ResponseCode.APPROVED, null, null,
                REQUESTED_ON, null, null, List.of(), null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, PaymentStatus.AUTHORIZED, ResponseCode.APPROVED, "770687", null,
                REQUESTED_ON, PROCESSED_ON, null, List.of(), null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        Obligation reversal = new Obligation(Obligation.Kind.REVERSAL, DECIDED_ON, 0);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, PaymentStatus.PENDING, null, null, null, REQUESTED_ON, null, null, List.of(),
                reversal, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payment(pending.id(), pending.actionId(), "mer_1", pending.amount(),
                pending.card(), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, PaymentStatus.AUTHORIZED, ResponseCode.APPROVED, "770687", null,
                REQUESTED_ON, PROCESSED_ON, DECIDED_ON, List.of(), pending.owed(), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shows_a_decided_payment_as_it_was_requested() {
        Payment pending = pending();
        Payment authorized = pending.authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        // What it owes is no part of what a merchant is shown.
        assertThat(authorized.asRequested()).usingRecursiveComparison().ignoringFields("owed").isEqualTo(pending);
        assertThat(authorized.asRequested().owed()).isNull();
        assertThat(pending.asRequested()).isEqualTo(pending);
    }

    @Test
    void tells_whether_the_decision_was_recorded_before_an_instant() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        assertThat(authorized.decidedBefore(DECIDED_ON.plusMillis(1))).isTrue();
        assertThat(authorized.decidedBefore(DECIDED_ON)).isFalse();
        assertThat(pending().decidedBefore(Instant.MAX)).isFalse();
    }

    @Test
    void a_pending_payment_times_out_as_declined_too_late() {
        Instant deadline = REQUESTED_ON.plusSeconds(60);

        Payment timedOut = pending().timeOut(deadline, POLICY);

        assertThat(timedOut.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(timedOut.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(timedOut.authCode()).isNull();
        assertThat(timedOut.processedOn()).isEqualTo(deadline);
        assertThat(timedOut.decidedOn()).isEqualTo(deadline);
    }

    @Test
    void only_a_pending_payment_can_time_out() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);
        Payment declined = pending().decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON, POLICY);
        Payment timedOut = pending().timeOut(DECIDED_ON, POLICY);

        assertThatThrownBy(() -> authorized.timeOut(DECIDED_ON, POLICY)).isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> declined.timeOut(DECIDED_ON, POLICY)).isInstanceOf(PaymentNotPendingException.class);
        assertThatThrownBy(() -> timedOut.timeOut(DECIDED_ON, POLICY)).isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void a_timed_out_payment_takes_no_late_answer() {
        Payment timedOut = pending().timeOut(DECIDED_ON, POLICY);

        assertThatThrownBy(() -> timedOut.authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY))
                .isInstanceOf(PaymentNotPendingException.class);
    }

    @Test
    void a_new_payment_owes_its_command_again_if_no_answer_comes_within_the_first_wait() {
        Obligation owed = pending().owed();

        assertThat(owed.kind()).isEqualTo(Obligation.Kind.AUTHORIZATION);
        assertThat(owed.dueAt()).isEqualTo(REQUESTED_ON.plusSeconds(15));
        assertThat(owed.attempts()).isEqualTo(1);
    }

    @Test
    void each_resend_waits_twice_as_long_as_the_one_before_and_never_past_the_final_deadline() {
        Instant firstResend = REQUESTED_ON.plusSeconds(15);

        Payment second = pending().commandResent(firstResend, POLICY);
        Payment third = second.commandResent(firstResend.plusSeconds(30), POLICY);

        assertThat(second.owed()).isEqualTo(new Obligation(Obligation.Kind.AUTHORIZATION, firstResend.plusSeconds(30), 2));
        assertThat(third.owed().dueAt()).as("45 s + 60 s is past the deadline").isEqualTo(REQUESTED_ON.plusSeconds(60));
        assertThat(third.owed().attempts()).isEqualTo(3);
    }

    @Test
    void a_command_the_broker_did_not_take_is_owed_again_soon() {
        Instant now = REQUESTED_ON.plusMillis(40);

        Payment unconfirmed = pending().commandUnconfirmed(now, POLICY);

        assertThat(unconfirmed.owed()).isEqualTo(new Obligation(Obligation.Kind.AUTHORIZATION, now.plusSeconds(2), 1));
    }

    @Test
    void knows_when_it_is_past_its_final_deadline() {
        Payment payment = pending();

        assertThat(payment.finalDeadline(POLICY)).isEqualTo(REQUESTED_ON.plusSeconds(60));
        assertThat(payment.pastFinalDeadline(REQUESTED_ON.plusSeconds(60).minusMillis(1), POLICY)).isFalse();
        assertThat(payment.pastFinalDeadline(REQUESTED_ON.plusSeconds(60), POLICY)).isTrue();
    }

    @Test
    void a_decision_the_bank_made_under_the_payments_key_owes_no_reversal() {
        assertThat(pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY).owed())
                .as("an approval left for the merchant to capture owes only its expiry")
                .isEqualTo(new Obligation(Obligation.Kind.EXPIRY, DECIDED_ON.plus(POLICY.authorizationLifetime()), 0));
        assertThat(pending().decline(ResponseCode.DO_NOT_HONOUR, PROCESSED_ON, DECIDED_ON, POLICY).owed()).isNull();
        assertThat(pending().decline(ResponseCode.INSUFFICIENT_FUNDS, PROCESSED_ON, DECIDED_ON, POLICY).owed()).isNull();
    }

    @Test
    void a_decline_that_may_leave_an_approval_at_the_bank_owes_a_reversal_at_once() {
        Payment timedOut = pending().timeOut(DECIDED_ON, POLICY);
        Payment unavailable = pending().decline(ResponseCode.ISSUER_UNAVAILABLE, PROCESSED_ON, DECIDED_ON, POLICY);

        assertThat(timedOut.owed()).isEqualTo(new Obligation(Obligation.Kind.REVERSAL, DECIDED_ON, 0));
        assertThat(unavailable.owed()).isEqualTo(new Obligation(Obligation.Kind.REVERSAL, DECIDED_ON, 0));
    }

    @Test
    void a_reversal_the_broker_does_not_take_is_handed_over_again_with_backoff() {
        Payment owing = pending().timeOut(DECIDED_ON, POLICY);

        Payment once = owing.reversalAttempted(DECIDED_ON, POLICY);
        Payment thrice = once.reversalAttempted(DECIDED_ON, POLICY).reversalAttempted(DECIDED_ON, POLICY);
        Payment often = thrice.reversalAttempted(DECIDED_ON, POLICY).reversalAttempted(DECIDED_ON, POLICY);

        assertThat(once.owed()).isEqualTo(new Obligation(Obligation.Kind.REVERSAL, DECIDED_ON.plusSeconds(2), 1));
        assertThat(thrice.owed().dueAt()).isEqualTo(DECIDED_ON.plusSeconds(8));
        assertThat(often.owed().dueAt()).as("capped").isEqualTo(DECIDED_ON.plusSeconds(10));
    }

    @Test
    void a_reversal_the_acquirer_has_leaves_nothing_owed() {
        Instant handedOver = DECIDED_ON.plusMillis(5);

        Payment reversed = pending().timeOut(DECIDED_ON, POLICY).reversalAttempted(DECIDED_ON, POLICY)
                .reversalRequested(handedOver);

        assertThat(reversed.owed()).isNull();
        assertThat(reversed.reversalRequestedOn()).isEqualTo(handedOver);
        assertThat(reversed.status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void owes_only_what_its_state_calls_for() {
        Payment authorized = pending().authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        assertThatThrownBy(() -> authorized.commandResent(DECIDED_ON, POLICY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> authorized.reversalAttempted(DECIDED_ON, POLICY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pending().reversalRequested(DECIDED_ON)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void every_change_makes_the_next_version() {
        Payment pending = pending();
        Payment authorized = pending.authorize("770687", PROCESSED_ON, DECIDED_ON, POLICY);

        assertThat(pending.version()).isZero();
        assertThat(authorized.version()).isEqualTo(1);
        assertThat(pending.commandResent(DECIDED_ON, POLICY).version()).isEqualTo(1);
        assertThatThrownBy(() -> authorized.decide(new Decision(ResponseCode.APPROVED, "770687", PROCESSED_ON,
                DECIDED_ON), POLICY)).isInstanceOf(PaymentNotPendingException.class);
    }
}
