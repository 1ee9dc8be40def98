package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The actions of an authorised payment: captures, voids, refunds, automatic capture and expiry, and their balances. */
class PaymentLifecycleTest {

    private static final Instant REQUESTED_ON = Instant.parse("2030-01-31T10:15:30.045Z");
    private static final Instant DECIDED_ON = Instant.parse("2030-01-31T10:15:30.340Z");
    private static final Instant LATER = DECIDED_ON.plusSeconds(60);
    private static final RecoveryPolicy POLICY = RecoveryPolicies.DEFAULTS;
    private static final ActionRequest NO_DETAILS = new ActionRequest(null, Map.of(), null, null);

    private static Payment authorized(CapturePlan capture) {
        return Payment.request("mer_1", new Money(1000, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                Routes.PIGGY_BANK, "ORD-1", null, Map.of(), capture, REQUESTED_ON, POLICY)
                .authorize("770687", DECIDED_ON, DECIDED_ON, POLICY);
    }

    private static Payment authorized() {
        return authorized(CapturePlan.MANUAL);
    }

    /** The bank answers the action the payment sends next. */
    private static Payment answered(Payment payment, ResponseCode code) {
        return payment.settleAction(payment.owedAction().id(), code, "ref-1", LATER, LATER, POLICY).orElseThrow();
    }

    private static Payment capture(Payment payment, Long amount, boolean finalCapture) {
        return payment.capture(amount, finalCapture, NO_DETAILS, LATER, POLICY);
    }

    @Test
    void an_authorised_payment_left_to_the_merchant_can_be_captured_or_voided_in_full() {
        Payment payment = authorized();

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.balances()).isEqualTo(new Balances(1000, 0, 1000, 0, 1000, 0, 0));
        assertThat(payment.actions()).isEmpty();
    }

    @Test
    void a_pending_or_declined_payment_has_no_balance_and_allows_no_action() {
        Payment pending = Payment.request("mer_1", new Money(1000, "GBP"),
                CardSummary.of("4111111111111111", 12, 2030), Routes.PIGGY_BANK, null, null, Map.of(),
                CapturePlan.MANUAL, REQUESTED_ON, POLICY);
        Payment declined = pending.decline(ResponseCode.DO_NOT_HONOUR, DECIDED_ON, DECIDED_ON, POLICY);

        for (Payment payment : new Payment[] {pending, declined}) {
            assertThat(payment.balances()).isEqualTo(new Balances(0, 0, 0, 0, 0, 0, 0));
            assertThatThrownBy(() -> capture(payment, null, true)).isInstanceOf(ActionNotAllowedException.class);
            assertThatThrownBy(() -> payment.voidAuthorization(NO_DETAILS, LATER, POLICY))
                    .isInstanceOf(ActionNotAllowedException.class);
            assertThatThrownBy(() -> payment.refund(null, NO_DETAILS, LATER, POLICY))
                    .isInstanceOf(ActionNotAllowedException.class);
        }
    }

    @Test
    void a_capture_sets_its_amount_aside_at_once_and_moves_it_when_the_bank_approves() {
        Payment capturing = capture(authorized(), null, true);

        assertThat(capturing.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(capturing.balances()).isEqualTo(new Balances(1000, 0, 0, 0, 0, 0, 0));
        assertThat(capturing.owed().kind()).isEqualTo(Obligation.Kind.ACTION);
        assertThat(capturing.owedAction().amount()).isEqualTo(1000);

        Payment captured = answered(capturing, ResponseCode.APPROVED);

        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.balances()).isEqualTo(new Balances(1000, 0, 0, 1000, 0, 0, 1000));
        assertThat(captured.owed()).as("nothing left to capture, nothing to expire").isNull();
        assertThat(captured.actions().getFirst().acquirerReference()).isEqualTo("ref-1");
    }

    @Test
    void partial_non_final_captures_may_follow_one_another_up_to_the_authorised_amount() {
        Payment first = answered(capture(authorized(), 300L, false), ResponseCode.APPROVED);

        assertThat(first.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        assertThat(first.balances().availableToCapture()).isEqualTo(700);
        assertThat(first.balances().availableToVoid()).as("something was captured").isZero();

        Payment second = answered(capture(first, 700L, false), ResponseCode.APPROVED);

        assertThat(second.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(second.balances().availableToCapture()).isZero();
        assertThatThrownBy(() -> capture(second, 1L, false)).isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void a_final_partial_capture_releases_the_rest() {
        Payment captured = answered(capture(authorized(), 400L, true), ResponseCode.APPROVED);

        assertThat(captured.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        assertThat(captured.balances()).isEqualTo(new Balances(1000, 0, 0, 400, 0, 0, 400));
        assertThatThrownBy(() -> capture(captured, 100L, false)).isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void a_capture_beyond_what_remains_is_refused_with_checkouts_code() {
        Payment partly = answered(capture(authorized(), 600L, false), ResponseCode.APPROVED);

        assertThatThrownBy(() -> capture(partly, 401L, false))
                .isInstanceOfSatisfying(AmountExceedsBalanceException.class, e ->
                        assertThat(e.errorCode()).isEqualTo("capture_value_greater_than_authorized"));
        assertThat(capture(partly, 400L, true).balances().availableToCapture()).isZero();
    }

    @Test
    void two_captures_in_flight_never_take_more_than_the_authorisation() {
        Payment oneInFlight = capture(authorized(), 600L, false);

        assertThat(oneInFlight.balances().availableToCapture()).isEqualTo(400);
        assertThatThrownBy(() -> capture(oneInFlight, 500L, false)).isInstanceOf(AmountExceedsBalanceException.class);
    }

    @Test
    void actions_are_sent_one_at_a_time_in_the_order_they_were_asked() {
        Payment first = capture(authorized(), 300L, false);
        Payment second = capture(first, 200L, false);

        assertThat(second.owed()).as("the second waits behind the first").isEqualTo(first.owed());
        assertThat(second.actionToSend(first)).isEmpty();
        assertThat(first.actionToSend(authorized())).contains(first.actions().getFirst());

        Payment firstAnswered = answered(second, ResponseCode.APPROVED);

        assertThat(firstAnswered.owedAction()).isEqualTo(second.actions().get(1));
        assertThat(firstAnswered.actionToSend(second)).contains(second.actions().get(1));
        assertThat(firstAnswered.balances().totalCaptured()).isEqualTo(300);
    }

    @Test
    void a_declined_capture_leaves_the_payment_as_it_was_and_stays_on_record() {
        Payment declined = answered(capture(authorized(), 500L, true), ResponseCode.INVALID_AMOUNT);

        assertThat(declined.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(declined.balances()).isEqualTo(authorized().balances());
        assertThat(declined.actions()).singleElement().satisfies(action -> {
            assertThat(action.approved()).isFalse();
            assertThat(action.responseCode()).isEqualTo(ResponseCode.INVALID_AMOUNT);
        });
        assertThat(declined.owed().kind()).as("it can still be captured, so it may still expire")
                .isEqualTo(Obligation.Kind.EXPIRY);
    }

    @Test
    void an_answer_is_recorded_once() {
        Payment capturing = capture(authorized(), null, true);
        ActionId id = capturing.owedAction().id();
        Payment captured = answered(capturing, ResponseCode.APPROVED);

        assertThat(captured.settleAction(id, ResponseCode.INVALID_AMOUNT, null, LATER, LATER, POLICY)).isEmpty();
        assertThat(captured.settleAction(ActionId.generate(), ResponseCode.APPROVED, null, LATER, LATER, POLICY))
                .isEmpty();
    }

    @Test
    void a_void_releases_an_authorisation_nothing_was_captured_from() {
        Payment voiding = authorized().voidAuthorization(NO_DETAILS, LATER, POLICY);

        assertThat(voiding.balances()).isEqualTo(new Balances(1000, 0, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> capture(voiding, null, true)).isInstanceOf(ActionNotAllowedException.class);

        Payment voided = answered(voiding, ResponseCode.APPROVED);

        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voided.balances()).isEqualTo(new Balances(1000, 1000, 0, 0, 0, 0, 0));
        assertThat(voided.owed()).isNull();
        assertThatThrownBy(() -> voided.voidAuthorization(NO_DETAILS, LATER, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void nothing_captured_or_being_captured_can_be_voided() {
        Payment capturing = capture(authorized(), 100L, false);

        assertThatThrownBy(() -> capturing.voidAuthorization(NO_DETAILS, LATER, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);
        Payment captured = answered(capturing, ResponseCode.APPROVED);
        assertThatThrownBy(() -> captured.voidAuthorization(NO_DETAILS, LATER, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void a_declined_void_leaves_the_authorisation_open() {
        Payment declined = answered(authorized().voidAuthorization(NO_DETAILS, LATER, POLICY),
                ResponseCode.INVALID_TRANSACTION);

        assertThat(declined.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(declined.balances().availableToCapture()).isEqualTo(1000);
    }

    @Test
    void refunds_give_back_at_most_what_was_captured() {
        Payment captured = answered(capture(authorized(), 800L, true), ResponseCode.APPROVED);

        assertThatThrownBy(() -> captured.refund(801L, NO_DETAILS, LATER, POLICY))
                .isInstanceOfSatisfying(AmountExceedsBalanceException.class, e ->
                        assertThat(e.errorCode()).isEqualTo("amount_exceeds_balance"));

        Payment partly = answered(captured.refund(300L, NO_DETAILS, LATER, POLICY), ResponseCode.APPROVED);

        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(partly.balances()).isEqualTo(new Balances(1000, 0, 0, 800, 0, 300, 500));

        Payment fully = answered(partly.refund(null, NO_DETAILS, LATER, POLICY), ResponseCode.APPROVED);

        assertThat(fully.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fully.balances().totalRefunded()).isEqualTo(800);
        assertThat(fully.balances().availableToRefund()).isZero();
        assertThatThrownBy(() -> fully.refund(1L, NO_DETAILS, LATER, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void nothing_can_be_refunded_before_a_capture_is_approved() {
        Payment capturing = capture(authorized(), null, true);

        assertThatThrownBy(() -> capturing.refund(null, NO_DETAILS, LATER, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void a_refund_in_flight_sets_its_amount_aside() {
        Payment captured = answered(capture(authorized(), null, true), ResponseCode.APPROVED);
        Payment refunding = captured.refund(600L, NO_DETAILS, LATER, POLICY);

        assertThat(refunding.balances().availableToRefund()).isEqualTo(400);
        assertThatThrownBy(() -> refunding.refund(401L, NO_DETAILS, LATER, POLICY))
                .isInstanceOf(AmountExceedsBalanceException.class);
        assertThat(answered(refunding, ResponseCode.INVALID_AMOUNT).balances().availableToRefund()).isEqualTo(1000);
    }

    @Test
    void an_automatic_capture_is_asked_for_in_full_as_the_approval_is_recorded() {
        Payment payment = authorized(CapturePlan.IMMEDIATE);

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.actions()).singleElement().satisfies(action -> {
            assertThat(action.type()).isEqualTo(PaymentAction.Type.CAPTURE);
            assertThat(action.amount()).isEqualTo(1000);
            assertThat(action.finalCapture()).isTrue();
            assertThat(action.origin()).isEqualTo(PaymentAction.Origin.AUTO_CAPTURE);
        });
        assertThat(payment.owed()).isEqualTo(new Obligation(Obligation.Kind.ACTION,
                DECIDED_ON.plus(POLICY.actionWait(1)), 1));
        assertThat(answered(payment, ResponseCode.APPROVED).status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void a_scheduled_capture_is_owed_at_its_time_and_not_sent_before() {
        Instant on = DECIDED_ON.plus(Duration.ofDays(2));
        Payment payment = authorized(new CapturePlan(true, on));

        assertThat(payment.owed()).isEqualTo(new Obligation(Obligation.Kind.ACTION, on, 0));
        assertThat(payment.actionToSend(payment)).isEmpty();
        assertThat(payment.owedAction().deadline(POLICY)).isEqualTo(on.plus(POLICY.actionDeadline()));
        Payment sent = payment.actionSent(on, POLICY);
        assertThat(sent.owed().attempts()).isEqualTo(1);
        assertThat(sent.owed().dueAt()).isEqualTo(on.plus(POLICY.actionWait(1)));
    }

    @Test
    void an_action_without_answer_is_sent_again_with_a_doubled_wait_and_declined_at_its_deadline() {
        Payment sent = capture(authorized(), null, true);
        Payment again = sent.actionSent(LATER.plusSeconds(15), POLICY);

        assertThat(again.owed().attempts()).isEqualTo(2);
        assertThat(again.owed().dueAt()).isEqualTo(LATER.plusSeconds(15).plus(POLICY.actionWait(2)));
        assertThat(again.actionUnconfirmed(LATER.plusSeconds(16), POLICY).owed().dueAt())
                .isEqualTo(LATER.plusSeconds(16).plus(POLICY.republishAfter()));

        Payment timedOut = again.timeOutAction(LATER.plus(POLICY.actionDeadline()), POLICY);

        assertThat(timedOut.actions().getFirst().responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(timedOut.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(timedOut.balances().availableToCapture()).isEqualTo(1000);
    }

    @Test
    void an_authorisation_nobody_captured_in_its_lifetime_is_voided_and_expires() {
        Payment payment = authorized();
        Instant end = DECIDED_ON.plus(POLICY.authorizationLifetime());

        assertThat(payment.owed()).isEqualTo(new Obligation(Obligation.Kind.EXPIRY, end, 0));
        assertThatThrownBy(() -> payment.capture(null, true, NO_DETAILS, end, POLICY))
                .isInstanceOf(ActionNotAllowedException.class);

        Payment expiring = payment.expire(end, POLICY);

        assertThat(expiring.owedAction().type()).isEqualTo(PaymentAction.Type.VOID);
        assertThat(expiring.owedAction().origin()).isEqualTo(PaymentAction.Origin.EXPIRY);
        assertThat(expiring.balances().availableToCapture()).isZero();
        Payment expired = answered(expiring, ResponseCode.APPROVED);
        assertThat(expired.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(expired.balances().totalVoided()).isEqualTo(1000);
        assertThat(expired.owed()).isNull();
        assertThat(answered(payment.expire(end, POLICY), ResponseCode.NO_ORIGINAL).status())
                .as("a bank that holds nothing any more leaves nothing to capture either")
                .isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void a_partly_captured_authorisation_keeps_its_captures_when_the_rest_expires() {
        Payment partly = answered(capture(authorized(), 300L, false), ResponseCode.APPROVED);

        Payment expired = answered(partly.expire(DECIDED_ON.plus(POLICY.authorizationLifetime()), POLICY),
                ResponseCode.INVALID_TRANSACTION);

        assertThat(expired.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        assertThat(expired.balances()).isEqualTo(new Balances(1000, 0, 0, 300, 0, 0, 300));
        assertThat(expired.owed()).isNull();
    }

    @Test
    void an_idempotency_key_finds_the_action_it_made() {
        ActionRequest keyed = new ActionRequest("SHIP-1", Map.of("box", 1), "key-1", "fp");
        Payment capturing = authorized().capture(200L, false, keyed, LATER, POLICY);

        assertThat(capturing.actionByKey("key-1")).hasValueSatisfying(action -> {
            assertThat(action.reference()).isEqualTo("SHIP-1");
            assertThat(action.metadata()).containsEntry("box", 1);
            assertThat(action.fingerprint()).isEqualTo("fp");
        });
        assertThat(capturing.actionByKey("key-2")).isEmpty();
    }

    @Test
    void every_action_makes_the_next_version() {
        Payment payment = authorized();
        Payment capturing = capture(payment, null, true);

        assertThat(capturing.version()).isEqualTo(payment.version() + 1);
        assertThat(answered(capturing, ResponseCode.APPROVED).version()).isEqualTo(payment.version() + 2);
    }
}
