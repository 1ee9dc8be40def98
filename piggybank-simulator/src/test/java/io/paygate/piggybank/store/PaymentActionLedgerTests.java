package io.paygate.piggybank.store;

import static io.paygate.piggybank.model.PaymentAction.capture;
import static io.paygate.piggybank.model.PaymentAction.refund;
import static io.paygate.piggybank.model.PaymentAction.voiding;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.piggybank.PiggybankProperties.Faults;
import io.paygate.piggybank.PiggybankProperties.Idempotency;
import io.paygate.piggybank.PiggybankProperties.Latency;
import io.paygate.piggybank.model.ActionAnswer;
import io.paygate.piggybank.model.ActionOutcome;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.model.PaymentBalance;

/** Captures, voids and refunds in the ledger: balances, idempotency per action key, and the counters. */
class PaymentActionLedgerTests {

    private final AuthorizationLedger ledger = ledgerRemembering(10);

    @Test
    void captures_an_approved_authorisation_and_counts_it() {
        ledger.settle("pay_1", 1000, Authorization.approved());

        ActionOutcome outcome = ledger.act("pay_1", "act_1", capture(400, false), "ref_1");

        assertThat(outcome).isEqualTo(ActionAnswer.approved("act_1", "ref_1", 400));
        LedgerStats stats = ledger.stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(400);
        assertThat(stats.actionsDeclined()).isZero();
    }

    @Test
    void replays_the_first_answer_of_an_action_key_and_acts_once() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ActionOutcome first = ledger.act("pay_1", "act_1", capture(400, false), "ref_1");

        ActionOutcome repeat = ledger.act("pay_1", "act_1", capture(400, false), "ref_2");

        assertThat(repeat).isEqualTo(first);
        LedgerStats stats = ledger.stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(400);
        assertThat(stats.actionsReplayed()).isEqualTo(1);
    }

    @Test
    void replays_a_decline_too_even_once_the_action_would_be_approved() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ActionOutcome decline = ledger.act("pay_1", "act_refund", refund(100), "ref_1");
        ledger.act("pay_1", "act_capture", capture(1000, false), "ref_2");

        assertThat(ledger.act("pay_1", "act_refund", refund(100), "ref_3")).isEqualTo(decline);
        assertThat(ledger.stats().refunds()).isZero();
    }

    @Test
    void refuses_a_key_reused_for_another_amount_kind_or_payment_and_does_nothing() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.settle("pay_2", 1000, Authorization.approved());
        ledger.act("pay_1", "act_1", capture(400, false), "ref_1");

        assertThat(ledger.act("pay_1", "act_1", capture(500, false), "ref")).isInstanceOf(ActionOutcome.KeyReused.class);
        assertThat(ledger.act("pay_1", "act_1", capture(400, true), "ref")).isInstanceOf(ActionOutcome.KeyReused.class);
        assertThat(ledger.act("pay_1", "act_1", refund(400), "ref")).isInstanceOf(ActionOutcome.KeyReused.class);
        assertThat(ledger.act("pay_2", "act_1", capture(400, false), "ref")).isInstanceOf(ActionOutcome.KeyReused.class);

        LedgerStats stats = ledger.stats();
        assertThat(stats.actionKeysReused()).isEqualTo(4);
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.refunds()).isZero();
    }

    @Test
    void knows_no_payment_that_was_declined_unavailable_or_never_authorised() {
        ledger.settle("pay_declined", 1000, Authorization.declined());

        assertThat(ledger.act("pay_declined", "act_1", capture(1, false), "ref"))
                .isInstanceOf(ActionOutcome.UnknownPayment.class);
        assertThat(ledger.act("pay_unknown", "act_2", voiding(), "ref"))
                .isInstanceOf(ActionOutcome.UnknownPayment.class);
        assertThat(ledger.stats().actionsForUnknownPayments()).isEqualTo(2);
    }

    @Test
    void evaluates_an_action_afresh_once_its_payment_is_known() {
        assertThat(ledger.act("pay_late", "act_1", capture(100, false), "ref_1"))
                .isInstanceOf(ActionOutcome.UnknownPayment.class);
        ledger.settle("pay_late", 1000, Authorization.approved());

        assertThat(ledger.act("pay_late", "act_1", capture(100, false), "ref_2"))
                .isEqualTo(ActionAnswer.approved("act_1", "ref_2", 100));
        assertThat(ledger.stats().actionsReplayed()).isZero();
    }

    @Test
    void declines_and_counts_a_capture_beyond_the_authorised_amount() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_1", capture(800, false), "ref_1");

        ActionOutcome outcome = ledger.act("pay_1", "act_2", capture(201, false), "ref_2");

        assertThat(outcome).isEqualTo(new ActionAnswer(false, "act_2", "", 201L, PaymentBalance.AMOUNT_EXCEEDS_AUTHORIZED));
        LedgerStats stats = ledger.stats();
        assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(800);
        assertThat(stats.actionsDeclined()).isEqualTo(1);
        ledger.act("pay_1", "act_2", capture(201, false), "ref_3");
        assertThat(ledger.stats().capturedMoreThanAuthorized()).as("a replay is no second attempt").isEqualTo(1);
    }

    @Test
    void declines_and_counts_a_refund_beyond_the_captured_amount() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_capture", capture(300, false), "ref_1");
        ledger.act("pay_1", "act_refund_1", refund(200), "ref_2");

        ActionOutcome outcome = ledger.act("pay_1", "act_refund_2", refund(101), "ref_3");

        assertThat(outcome).isEqualTo(new ActionAnswer(false, "act_refund_2", "", 101L, PaymentBalance.AMOUNT_EXCEEDS_CAPTURED));
        LedgerStats stats = ledger.stats();
        assertThat(stats.refundedMoreThanCaptured()).isEqualTo(1);
        assertThat(stats.refunds()).isEqualTo(1);
        assertThat(stats.refundedTotal()).isEqualTo(200);
    }

    @Test
    void counts_a_capture_beyond_the_authorised_amount_even_after_the_hold_was_released() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_void", voiding(), "ref_1");

        ActionOutcome outcome = ledger.act("pay_1", "act_capture", capture(1001, false), "ref_2");

        assertThat(outcome).isEqualTo(new ActionAnswer(false, "act_capture", "", 1001L, PaymentBalance.AUTHORIZATION_VOIDED));
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isEqualTo(1);
    }

    @Test
    void voids_the_whole_authorised_amount_and_refuses_captures_after_it() {
        ledger.settle("pay_1", 1000, Authorization.approved());

        assertThat(ledger.act("pay_1", "act_void", voiding(), "ref_1"))
                .isEqualTo(ActionAnswer.approved("act_void", "ref_1", 1000));
        assertThat(ledger.act("pay_1", "act_capture", capture(1, false), "ref_2"))
                .isEqualTo(new ActionAnswer(false, "act_capture", "", 1L, PaymentBalance.AUTHORIZATION_VOIDED));
        assertThat(ledger.act("pay_1", "act_void_again", voiding(), "ref_3"))
                .isEqualTo(new ActionAnswer(false, "act_void_again", "", null, PaymentBalance.AUTHORIZATION_VOIDED));
        LedgerStats stats = ledger.stats();
        assertThat(stats.voided()).isEqualTo(1);
        assertThat(stats.captures()).isZero();
        assertThat(stats.capturedMoreThanAuthorized()).isZero();
        assertThat(stats.actionsDeclined()).isEqualTo(2);
    }

    @Test
    void refuses_captures_after_a_reversal_but_refunds_what_was_captured_before() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_capture", capture(300, false), "ref_1");
        assertThat(ledger.reverse("pay_1")).isTrue();

        assertThat(ledger.act("pay_1", "act_capture_2", capture(100, false), "ref_2"))
                .isEqualTo(new ActionAnswer(false, "act_capture_2", "", 100L, PaymentBalance.AUTHORIZATION_REVERSED));
        assertThat(ledger.act("pay_1", "act_refund", refund(300), "ref_3"))
                .isEqualTo(ActionAnswer.approved("act_refund", "ref_3", 300));
    }

    @Test
    void keeps_the_balance_of_a_payment_through_repeated_authorisations_of_its_key() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_1", capture(1000, false), "ref_1");

        ledger.settle("pay_1", 1000, Authorization.approved());

        assertThat(ledger.act("pay_1", "act_2", capture(1, false), "ref_2"))
                .isEqualTo(new ActionAnswer(false, "act_2", "", 1L, PaymentBalance.AMOUNT_EXCEEDS_AUTHORIZED));
    }

    @Test
    void forgets_the_oldest_action_keys_beyond_its_capacity() {
        AuthorizationLedger small = ledgerRemembering(2);
        small.settle("pay_1", 1000, Authorization.approved());
        small.act("pay_1", "act_1", capture(1, false), "ref_1");
        small.act("pay_1", "act_2", capture(1, false), "ref_2");
        small.act("pay_1", "act_3", capture(1, false), "ref_3");

        assertThat(small.stats().forgottenIdempotencyKeys()).isEqualTo(1);
        assertThat(small.act("pay_1", "act_1", capture(1, false), "ref_4"))
                .isEqualTo(ActionAnswer.approved("act_1", "ref_4", 1));
        assertThat(small.stats().captures()).isEqualTo(4);
    }

    @Test
    void forgets_every_action_and_counter_on_reset() {
        ledger.settle("pay_1", 1000, Authorization.approved());
        ledger.act("pay_1", "act_1", capture(1000, false), "ref_1");

        ledger.reset();
        ledger.settle("pay_1", 1000, Authorization.approved());

        assertThat(ledger.act("pay_1", "act_1", capture(1000, false), "ref_2"))
                .isEqualTo(ActionAnswer.approved("act_1", "ref_2", 1000));
        assertThat(ledger.stats().actionsReplayed()).isZero();
        assertThat(ledger.stats().captures()).isEqualTo(1);
    }

    @Test
    void never_captures_beyond_the_authorised_amount_however_many_captures_race() {
        ledger.settle("pay_raced", 1000, Authorization.approved());

        List<ActionOutcome> outcomes = race(100, i -> ledger.act("pay_raced", "act_" + i, capture(30, false), "ref_" + i));

        assertThat(outcomes).filteredOn(outcome -> ((ActionAnswer) outcome).approved()).hasSize(33);
        LedgerStats stats = ledger.stats();
        assertThat(stats.captures()).isEqualTo(33);
        assertThat(stats.capturedTotal()).isEqualTo(990);
        assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(67);
    }

    @Test
    void never_refunds_beyond_the_captured_amount_however_many_refunds_race() {
        ledger.settle("pay_raced", 1000, Authorization.approved());
        ledger.act("pay_raced", "act_capture", capture(500, true), "ref");

        race(100, i -> ledger.act("pay_raced", "act_refund_" + i, refund(7), "ref_" + i));

        LedgerStats stats = ledger.stats();
        assertThat(stats.refunds()).isEqualTo(71);
        assertThat(stats.refundedTotal()).isEqualTo(497);
        assertThat(stats.refundedMoreThanCaptured()).isEqualTo(29);
    }

    @Test
    void does_either_the_void_or_the_capture_when_they_race() {
        for (int round = 0; round < 50; round++) {
            String payment = "pay_" + round;
            ledger.settle(payment, 1000, Authorization.approved());

            List<ActionOutcome> outcomes = race(2, i -> ledger.act(payment, payment + "_act_" + i,
                    i == 0 ? voiding() : capture(1000, false), "ref"));

            assertThat(outcomes).filteredOn(outcome -> ((ActionAnswer) outcome).approved()).hasSize(1);
        }
        LedgerStats stats = ledger.stats();
        assertThat(stats.voided() + stats.captures()).isEqualTo(50);
    }

    @Test
    void acts_once_for_threads_racing_with_the_same_action_key() {
        ledger.settle("pay_1", 1000, Authorization.approved());

        List<ActionOutcome> outcomes = race(64, i -> ledger.act("pay_1", "act_raced", capture(600, false), "ref_" + i));

        assertThat(outcomes).containsOnly(outcomes.getFirst());
        LedgerStats stats = ledger.stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(600);
        assertThat(stats.actionsReplayed()).isEqualTo(63);
        assertThat(stats.capturedMoreThanAuthorized()).isZero();
    }

    private static List<ActionOutcome> race(int threads, IntFunction<ActionOutcome> action) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ActionOutcome>> racing = IntStream.range(0, threads)
                    .mapToObj(i -> executor.submit(() -> {
                        start.await();
                        return action.apply(i);
                    }))
                    .toList();
            start.countDown();
            return racing.stream().map(PaymentActionLedgerTests::result).toList();
        }
    }

    private static AuthorizationLedger ledgerRemembering(int keys) {
        return new AuthorizationLedger(new PiggybankProperties(
                new Latency(Duration.ZERO, Duration.ZERO), new Faults(0, 0, Duration.ofSeconds(30), false),
                new Idempotency(keys)));
    }

    private static ActionOutcome result(Future<ActionOutcome> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
