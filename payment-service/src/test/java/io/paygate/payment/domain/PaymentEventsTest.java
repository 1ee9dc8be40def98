package io.paygate.payment.domain;

import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changes of a payment its merchant is told of, and what each event says. */
class PaymentEventsTest {

    private static final Instant REQUESTED_ON = Instant.parse("2030-01-31T10:15:30.045Z");
    private static final Instant DECIDED_ON = Instant.parse("2030-01-31T10:15:30.340Z");
    private static final Instant LATER = DECIDED_ON.plusSeconds(60);
    private static final RecoveryPolicy POLICY = RecoveryPolicies.DEFAULTS;
    private static final ActionRequest NO_DETAILS = new ActionRequest(null, Map.of(), null, null);

    private static Payment pending(CapturePlan capture) {
        return Payment.request("mer_1", new Money(1000, "GBP"), CardSummary.of("4111111111111111", 12, 2030),
                Routes.PIGGY_BANK, "ORD-1", null, Map.of(), capture, REQUESTED_ON, POLICY);
    }

    private static Payment answered(Payment payment, ResponseCode code) {
        return payment.settleAction(payment.owedAction().id(), code, "ref-1", LATER, LATER, POLICY).orElseThrow();
    }

    @Test
    void an_approval_is_told_with_the_authorisation_and_the_balances_it_leaves() {
        Payment pending = pending(CapturePlan.IMMEDIATE);
        Payment approved = pending.authorize("770687", DECIDED_ON, DECIDED_ON, POLICY);

        assertThat(approved.eventsSince(pending, DECIDED_ON)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_APPROVED);
            assertThat(event.actionId()).isEqualTo(pending.actionId());
            assertThat(event.amount()).isEqualTo(1000);
            assertThat(event.responseCode()).isEqualTo(ResponseCode.APPROVED);
            assertThat(event.processedOn()).isEqualTo(DECIDED_ON);
            assertThat(event.balances()).as("its automatic capture is under way")
                    .isEqualTo(new Balances(1000, 0, 0, 0, 0, 0, 0));
        });
    }

    @Test
    void a_decline_and_a_timeout_are_told_as_declines() {
        Payment pending = pending(CapturePlan.MANUAL);

        assertThat(pending.decline(ResponseCode.DO_NOT_HONOUR, DECIDED_ON, DECIDED_ON, POLICY)
                .eventsSince(pending, DECIDED_ON)).singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_DECLINED));
        assertThat(pending.timeOut(LATER, POLICY).eventsSince(pending, LATER)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_DECLINED);
            assertThat(event.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        });
    }

    @Test
    void a_payment_is_told_pending_once_when_its_command_is_first_sent_again() {
        Payment pending = pending(CapturePlan.MANUAL);
        Payment resent = pending.commandResent(LATER, POLICY);
        Payment resentAgain = resent.commandResent(LATER.plusSeconds(30), POLICY);

        assertThat(resent.eventsSince(pending, LATER)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_PENDING);
            assertThat(event.responseCode()).isNull();
        });
        assertThat(resentAgain.eventsSince(resent, LATER)).isEmpty();
        assertThat(pending.commandUnconfirmed(LATER, POLICY).eventsSince(pending, LATER)).isEmpty();
    }

    @Test
    void each_answered_action_is_told_by_its_type_and_outcome_and_a_request_is_not() {
        Payment authorized = pending(CapturePlan.MANUAL).authorize("770687", DECIDED_ON, DECIDED_ON, POLICY);
        Payment capturing = authorized.capture(400L, false, NO_DETAILS, LATER, POLICY);
        assertThat(capturing.eventsSince(authorized, LATER)).as("asking is no news").isEmpty();

        Payment captured = answered(capturing, ResponseCode.APPROVED);
        assertThat(captured.eventsSince(capturing, LATER)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_CAPTURED);
            assertThat(event.actionId()).isEqualTo(capturing.owedAction().id());
            assertThat(event.amount()).isEqualTo(400);
            assertThat(event.balances().totalCaptured()).isEqualTo(400);
        });
        Payment refunding = captured.refund(100L, NO_DETAILS, LATER, POLICY);
        assertThat(answered(refunding, ResponseCode.INVALID_AMOUNT).eventsSince(refunding, LATER))
                .extracting(PaymentEvent::type).containsExactly(PaymentEventType.PAYMENT_REFUND_DECLINED);
        Payment voiding = authorized.voidAuthorization(NO_DETAILS, LATER, POLICY);
        assertThat(answered(voiding, ResponseCode.APPROVED).eventsSince(voiding, LATER))
                .extracting(PaymentEvent::type).containsExactly(PaymentEventType.PAYMENT_VOIDED);
        assertThat(voiding.timeOutAction(LATER, POLICY).eventsSince(voiding, LATER))
                .extracting(PaymentEvent::type).containsExactly(PaymentEventType.PAYMENT_VOID_DECLINED);
    }

    @Test
    void the_void_at_the_end_of_the_lifetime_is_told_as_the_expiry() {
        Payment authorized = pending(CapturePlan.MANUAL).authorize("770687", DECIDED_ON, DECIDED_ON, POLICY);
        Instant end = DECIDED_ON.plus(POLICY.authorizationLifetime());
        Payment expiring = authorized.expire(end, POLICY);
        assertThat(expiring.eventsSince(authorized, end)).isEmpty();

        assertThat(answered(expiring, ResponseCode.APPROVED).eventsSince(expiring, end)).singleElement()
                .satisfies(event -> {
                    assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_EXPIRED);
                    assertThat(event.balances().totalVoided()).isEqualTo(1000);
                });
    }

    @Test
    void an_event_made_again_by_the_same_change_is_the_same_event() {
        Payment pending = pending(CapturePlan.MANUAL);
        Payment approved = pending.authorize("770687", DECIDED_ON, DECIDED_ON, POLICY);

        PaymentEvent once = approved.eventsSince(pending, DECIDED_ON).getFirst();
        PaymentEvent again = approved.eventsSince(pending, LATER).getFirst();

        assertThat(again.id()).isEqualTo(once.id()).matches("evt_[a-z2-7]{26}");
        assertThat(pending.authorize("770688", LATER, LATER, POLICY).eventsSince(pending, LATER).getFirst().id())
                .as("the same decision, decided again").isEqualTo(once.id());
        assertThat(pending.decline(ResponseCode.DO_NOT_HONOUR, DECIDED_ON, DECIDED_ON, POLICY)
                .eventsSince(pending, DECIDED_ON).getFirst().id()).as("another event of the same action")
                .isNotEqualTo(once.id());
    }
}
