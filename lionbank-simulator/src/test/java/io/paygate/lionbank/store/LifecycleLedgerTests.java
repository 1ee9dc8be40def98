package io.paygate.lionbank.store;

import static io.paygate.lionbank.TestCards.*;
import static io.paygate.lionbank.store.AuthorizationLedgerTests.ledgerRemembering;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.paygate.lionbank.model.AuthorizationRequest;
import io.paygate.lionbank.model.Decision;
import io.paygate.lionbank.model.LifecycleRequest;
import io.paygate.lionbank.model.LifecycleRequest.Action;
import io.paygate.lionbank.model.ResponseCode;
import io.paygate.lionbank.model.TransactionKey;

/** Completions, refunds and reversals against an authorisation's balances, straight on the ledger. */
class LifecycleLedgerTests {

    private static final int AUTHORIZATION = 1;

    private final AuthorizationLedger ledger = ledgerRemembering(100);

    @Test
    void captures_an_approval_in_full() {
        approve(AUTHORIZATION, 1000);

        Decision captured = ledger.settle(completion(10, 1000, false));

        assertThat(captured.approved()).isTrue();
        assertThat(captured.rrn()).hasSize(12).containsOnlyDigits();
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.completionRequests()).isEqualTo(1);
            assertThat(stats.completions()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(1000);
            assertThat(stats.capturedMoreThanAuthorized()).isZero();
        });
    }

    @Test
    void captures_in_parts_up_to_what_was_authorised_and_refuses_more_13() {
        approve(AUTHORIZATION, 1000);

        assertThat(code(ledger.settle(completion(10, 400, false)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(code(ledger.settle(completion(11, 601, false)))).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(code(ledger.settle(completion(12, 600, false)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(code(ledger.settle(completion(13, 1, false)))).isEqualTo(ResponseCode.INVALID_AMOUNT);

        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.completions()).isEqualTo(2);
            assertThat(stats.capturedTotal()).isEqualTo(1000);
            assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(2);
        });
    }

    @Test
    void a_final_completion_releases_the_rest() {
        approve(AUTHORIZATION, 1000);

        assertThat(code(ledger.settle(completion(10, 300, true)))).isEqualTo(ResponseCode.APPROVED);
        Decision after = ledger.settle(completion(11, 100, false));

        assertThat(code(after)).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(ledger.stats().capturedTotal()).isEqualTo(300);
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isEqualTo(1);
    }

    @Test
    void a_partial_completion_leaves_the_rest_authorised() {
        approve(AUTHORIZATION, 1000);

        ledger.settle(completion(10, 300, false));

        assertThat(code(ledger.settle(completion(11, 700, true)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.stats().capturedTotal()).isEqualTo(1000);
    }

    @Test
    void repeats_the_first_answer_to_a_repeated_completion_and_captures_once() {
        approve(AUTHORIZATION, 1000);
        Decision first = ledger.settle(completion(10, 600, false));

        Decision again = ledger.settle(completion(10, 600, false));

        assertThat(again).isEqualTo(first);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.completions()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(600);
            assertThat(stats.duplicates()).isEqualTo(1);
            assertThat(stats.completionRequests()).isEqualTo(1);
        });
    }

    @Test
    void repeats_a_refusal_too_even_once_the_request_would_pass() {
        approve(AUTHORIZATION, 1000);
        Decision refused = ledger.settle(completion(10, 1500, false));

        assertThat(ledger.settle(completion(10, 1500, false))).isEqualTo(refused);
        assertThat(code(refused)).isEqualTo(ResponseCode.INVALID_AMOUNT);
    }

    @Test
    void refuses_a_request_reusing_a_key_with_other_data_94_without_effect() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 400, false));

        Decision otherAmount = ledger.settle(completion(10, 500, false));
        Decision refundUnderTheCompletionsKey = ledger.settle(refund(10, 400));
        Decision completionUnderTheAuthorisationsKey = ledger.settle(completion(AUTHORIZATION, 400, false));

        assertThat(List.of(otherAmount, refundUnderTheCompletionsKey, completionUnderTheAuthorisationsKey))
                .extracting(Decision::responseCode).containsOnly(ResponseCode.DUPLICATE_TRANSMISSION);
        assertThat(ledger.stats().capturedTotal()).isEqualTo(400);
        assertThat(ledger.stats().refundedTotal()).isZero();
        assertThat(ledger.stats().duplicateTransmissions()).isEqualTo(3);
    }

    @Test
    void refuses_an_authorisation_under_a_completions_key_94() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 400, false));

        assertThat(code(ledger.settle(authorization(10, 1000), ResponseCode.APPROVED)))
                .isEqualTo(ResponseCode.DUPLICATE_TRANSMISSION);
        assertThat(ledger.stats().approvals()).isEqualTo(1);
    }

    @Test
    void answers_25_for_an_unknown_original_or_another_card() {
        approve(AUTHORIZATION, 1000);

        Decision unknown = ledger.settle(new LifecycleRequest(Action.COMPLETION, key(10), key(99), 100, "826", null,
                false));
        Decision otherCard = ledger.settle(new LifecycleRequest(Action.COMPLETION, key(11), key(AUTHORIZATION), 100,
                "826", ANOTHER_GOOD_CARD, false));
        Decision sameCard = ledger.settle(new LifecycleRequest(Action.COMPLETION, key(12), key(AUTHORIZATION), 100,
                "826", GOOD_CARD, false));

        assertThat(code(unknown)).isEqualTo(ResponseCode.ORIGINAL_NOT_FOUND);
        assertThat(code(otherCard)).isEqualTo(ResponseCode.ORIGINAL_NOT_FOUND);
        assertThat(code(sameCard)).isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isZero();
    }

    @Test
    void answers_13_for_another_currency_or_nothing_without_counting_a_broken_rule() {
        approve(AUTHORIZATION, 1000);

        Decision euros = ledger.settle(new LifecycleRequest(Action.COMPLETION, key(10), key(AUTHORIZATION), 100, "978",
                null, false));
        Decision nothing = ledger.settle(completion(11, 0, false));

        assertThat(code(euros)).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(code(nothing)).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isZero();
        assertThat(ledger.stats().capturedTotal()).isZero();
    }

    @Test
    void refuses_to_capture_a_declined_authorisation_12() {
        ledger.settle(authorization(AUTHORIZATION, 1000), ResponseCode.INSUFFICIENT_FUNDS);

        assertThat(code(ledger.settle(completion(10, 1000, false)))).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(code(ledger.settle(refund(11, 1000)))).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isEqualTo(1);
        assertThat(ledger.stats().refundedMoreThanCaptured()).isEqualTo(1);
    }

    @Test
    void voids_an_uncaptured_approval_and_refuses_to_capture_it_afterwards_12() {
        approve(AUTHORIZATION, 1000);

        assertThat(ledger.reverse(key(AUTHORIZATION), false)).isEqualTo(ResponseCode.APPROVED);
        Decision late = ledger.settle(completion(10, 1000, false));

        assertThat(code(late)).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.voided()).isEqualTo(1);
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.approvals()).isZero();
            assertThat(stats.capturedTotal()).isZero();
            assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(1);
        });
    }

    @Test
    void a_reversal_after_a_partial_completion_releases_only_the_rest() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 400, false));

        assertThat(ledger.reverse(key(AUTHORIZATION), false)).isEqualTo(ResponseCode.APPROVED);

        assertThat(code(ledger.settle(completion(11, 100, false)))).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(code(ledger.settle(refund(12, 400)))).as("the capture stands and can be refunded")
                .isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.voided()).isZero();
            assertThat(stats.approvals()).as("the approval stands for what it captured").isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(400);
            assertThat(stats.refundedTotal()).isEqualTo(400);
        });
    }

    @Test
    void refunds_what_was_captured_in_parts_and_refuses_more_13() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 800, true));

        assertThat(code(ledger.settle(refund(11, 500)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(code(ledger.settle(refund(12, 301)))).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(code(ledger.settle(refund(13, 300)))).isEqualTo(ResponseCode.APPROVED);
        assertThat(code(ledger.settle(refund(14, 1)))).isEqualTo(ResponseCode.INVALID_AMOUNT);

        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.refundRequests()).isEqualTo(4);
            assertThat(stats.refunds()).isEqualTo(2);
            assertThat(stats.refundedTotal()).isEqualTo(800);
            assertThat(stats.refundedMoreThanCaptured()).isEqualTo(2);
        });
    }

    @Test
    void refuses_to_refund_an_uncaptured_or_voided_approval_13() {
        approve(AUTHORIZATION, 1000);
        approve(2, 1000);
        ledger.reverse(key(2), false);

        Decision uncaptured = ledger.settle(refund(10, 100));
        Decision voided = ledger.settle(new LifecycleRequest(Action.REFUND, key(11), key(2), 100, "826", null, false));

        assertThat(code(uncaptured)).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(code(voided)).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(ledger.stats().refundedMoreThanCaptured()).isEqualTo(2);
    }

    @Test
    void repeats_the_first_answer_to_a_repeated_refund_and_refunds_once() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 1000, false));
        Decision first = ledger.settle(refund(11, 700));

        assertThat(ledger.settle(refund(11, 700))).isEqualTo(first);
        assertThat(ledger.stats().refundedTotal()).isEqualTo(700);
        assertThat(ledger.stats().refunds()).isEqualTo(1);
    }

    @Test
    void refuses_to_reverse_a_completion_or_a_refund_12() {
        approve(AUTHORIZATION, 1000);
        ledger.settle(completion(10, 1000, false));
        ledger.settle(refund(11, 100));

        assertThat(ledger.reverse(key(10), false)).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(ledger.reverse(key(11), true)).isEqualTo(ResponseCode.INVALID_TRANSACTION);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.reversalsRefused()).isEqualTo(2);
            assertThat(stats.reversalsBeforeAuthorization()).isZero();
            assertThat(stats.capturedTotal()).isEqualTo(1000);
            assertThat(stats.refundedTotal()).isEqualTo(100);
        });
    }

    @Test
    void captures_nothing_of_an_approval_it_has_forgotten_25_and_reverses_a_forgotten_capture_without_voiding_it() {
        AuthorizationLedger forgetful = ledgerRemembering(1);
        forgetful.settle(authorization(AUTHORIZATION, 1000), ResponseCode.APPROVED);
        forgetful.settle(completion(10, 400, false));
        forgetful.settle(authorization(2, 1000), ResponseCode.APPROVED);

        assertThat(code(forgetful.settle(completion(11, 100, false)))).isEqualTo(ResponseCode.ORIGINAL_NOT_FOUND);
        forgetful.reverse(key(AUTHORIZATION), false);

        assertThat(forgetful.stats()).satisfies(stats -> {
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.voided()).isZero();
            assertThat(stats.approvals()).isEqualTo(2);
        });
    }

    @Test
    void never_captures_more_than_authorised_however_many_completions_race() throws Exception {
        approve(AUTHORIZATION, 1000);
        List<Callable<Decision>> racing = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            LifecycleRequest request = completion(100 + i, 100, false);
            racing.add(() -> ledger.settle(request));
        }

        List<Decision> answers = race(racing);

        assertThat(answers).filteredOn(Decision::approved).hasSize(10);
        assertThat(answers).filteredOn(decision -> !decision.approved())
                .extracting(Decision::responseCode).containsOnly(ResponseCode.INVALID_AMOUNT);
        assertThat(ledger.stats().capturedTotal()).isEqualTo(1000);
        assertThat(ledger.stats().capturedMoreThanAuthorized()).isEqualTo(54);
    }

    @Test
    void a_reversal_racing_completions_releases_exactly_what_they_did_not_capture() throws Exception {
        approve(AUTHORIZATION, 1000);
        List<Callable<Decision>> racing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LifecycleRequest request = completion(100 + i, 50, false);
            racing.add(() -> ledger.settle(request));
            if (i == 10) {
                racing.add(() -> new Decision(ledger.reverse(key(AUTHORIZATION), false), null, null));
            }
            LifecycleRequest refund = refund(200 + i, 50);
            racing.add(() -> ledger.settle(refund));
        }

        List<Decision> answers = race(racing);

        LedgerStats stats = ledger.stats();
        long approvedAfterwards = answers.stream().filter(Decision::approved).count();
        assertThat(stats.capturedTotal()).isEqualTo(50 * stats.completions()).isLessThanOrEqualTo(1000);
        assertThat(stats.refundedTotal()).isEqualTo(50 * stats.refunds()).isLessThanOrEqualTo(stats.capturedTotal());
        assertThat(approvedAfterwards).isEqualTo(stats.completions() + stats.refunds() + 1);
        assertThat(stats.reversals()).isEqualTo(1);
        assertThat(code(ledger.settle(completion(300, 1, false)))).isEqualTo(ResponseCode.INVALID_TRANSACTION);
    }

    private List<Decision> race(List<Callable<Decision>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (Callable<Decision> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Decision> answers = new ArrayList<>();
            for (Future<Decision> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }

    private void approve(int stan, long amount) {
        assertThat(ledger.settle(authorization(stan, amount), ResponseCode.APPROVED).approved()).isTrue();
    }

    private static ResponseCode code(Decision decision) {
        return decision.responseCode();
    }

    private static TransactionKey key(int stan) {
        return new TransactionKey("T1", "M1", "%06d".formatted(stan), "1204120000");
    }

    private static AuthorizationRequest authorization(int stan, long amount) {
        return new AuthorizationRequest(key(stan), GOOD_CARD, amount, FUTURE_EXPIRY, "826");
    }

    private static LifecycleRequest completion(int stan, long amount, boolean isFinal) {
        return new LifecycleRequest(Action.COMPLETION, key(stan), key(AUTHORIZATION), amount, "826", null, isFinal);
    }

    private static LifecycleRequest refund(int stan, long amount) {
        return new LifecycleRequest(Action.REFUND, key(stan), key(AUTHORIZATION), amount, "826", null, false);
    }
}
