package io.paygate.piggybank.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.piggybank.PiggybankProperties.Faults;
import io.paygate.piggybank.PiggybankProperties.Idempotency;
import io.paygate.piggybank.PiggybankProperties.Latency;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.model.IssuerAnswer;
import io.paygate.piggybank.model.IssuerUnavailable;

class AuthorizationLedgerTests {

    @Test
    void remembers_a_decision_for_each_key() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        Authorization approval = Authorization.approved();

        ledger.settle("pay_1", 100, approval);

        assertThat(ledger.settle("pay_1", 100, Authorization.approved())).isEqualTo(approval);
        assertThat(ledger.settle("pay_1", 100, Authorization.declined())).isEqualTo(approval);
        assertThat(ledger.stats().idempotentReplays()).isEqualTo(2);
    }

    @Test
    void never_remembers_that_the_issuer_was_unavailable() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        ledger.settle("pay_1", 100, new IssuerUnavailable());

        Authorization approval = Authorization.approved();

        assertThat(ledger.settle("pay_1", 100, approval)).isEqualTo(approval);
        assertThat(ledger.stats().idempotentReplays()).isZero();
    }

    @Test
    void counts_injected_faults_apart_from_the_issuers_own_unavailability() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        ledger.settle("pay_1", 100, new IssuerUnavailable());
        ledger.recordInjectedFault(InjectedFault.UNAVAILABLE);
        ledger.recordInjectedFault(InjectedFault.UNAVAILABLE);
        ledger.recordInjectedFault(InjectedFault.HANG);
        ledger.recordInjectedFault(InjectedFault.BANK_DOWN);

        LedgerStats stats = ledger.stats();
        assertThat(stats.unavailable()).isEqualTo(1);
        assertThat(stats.injectedUnavailable()).isEqualTo(2);
        assertThat(stats.hung()).isEqualTo(1);
        assertThat(stats.refusedWhileDown()).isEqualTo(1);
        assertThat(stats.authorizationRequests()).isEqualTo(1);

        ledger.reset();

        assertThat(ledger.stats()).isEqualTo(new LedgerStats(
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void counts_approvals_made_without_a_key() {
        AuthorizationLedger ledger = ledgerRemembering(10);

        ledger.settle(null, 100, Authorization.approved());
        ledger.settle(null, 100, Authorization.approved());
        ledger.settle(null, 100, Authorization.declined());

        LedgerStats stats = ledger.stats();
        assertThat(stats.approvals()).isEqualTo(2);
        assertThat(stats.approvalsWithoutIdempotencyKey()).isEqualTo(2);
        assertThat(stats.declines()).isEqualTo(1);
        assertThat(stats.distinctIdempotencyKeys()).isZero();
    }

    @Test
    void forgets_the_oldest_keys_beyond_its_capacity() {
        AuthorizationLedger ledger = ledgerRemembering(2);
        ledger.settle("pay_1", 100, Authorization.declined());
        ledger.settle("pay_2", 100, Authorization.declined());
        ledger.settle("pay_3", 100, Authorization.declined());

        Authorization approval = Authorization.approved();

        assertThat(ledger.settle("pay_1", 100, approval)).isEqualTo(approval);
        assertThat(ledger.stats().forgottenIdempotencyKeys()).isEqualTo(2);
        assertThat(ledger.stats().approvedMoreThanOnce()).isZero();
    }

    @Test
    void counts_a_second_approval_of_a_key_it_had_forgotten() {
        AuthorizationLedger ledger = ledgerRemembering(1);
        ledger.settle("pay_1", 100, Authorization.approved());
        ledger.settle("pay_2", 100, Authorization.approved());

        ledger.settle("pay_1", 100, Authorization.approved());

        assertThat(ledger.stats().approvedMoreThanOnce()).isEqualTo(1);
        assertThat(ledger.stats().approvals()).isEqualTo(3);
    }

    @Test
    void cannot_reverse_an_approval_it_has_forgotten() {
        AuthorizationLedger ledger = ledgerRemembering(1);
        ledger.settle("pay_1", 100, Authorization.approved());
        ledger.settle("pay_2", 100, Authorization.approved());

        assertThat(ledger.reverse("pay_1")).isFalse();
        assertThat(ledger.reverse("pay_2")).isTrue();
    }

    @Test
    void refuses_an_authorisation_whose_key_was_reversed_before_it_arrived() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        assertThat(ledger.reverse("pay_overtaken")).isFalse();

        IssuerAnswer answer = ledger.settle("pay_overtaken", 100, Authorization.approved());

        assertThat(answer).isEqualTo(Authorization.refusedAfterReversal());
        assertThat(ledger.settle("pay_overtaken", 100, Authorization.approved())).isEqualTo(answer);
        LedgerStats stats = ledger.stats();
        assertThat(stats.authorizationsRefusedAfterReversal()).isEqualTo(1);
        assertThat(stats.approvals()).isZero();
        assertThat(stats.declines()).isEqualTo(1);
        assertThat(stats.authorizationRequests()).isEqualTo(1);
        assertThat(stats.idempotentReplays()).isEqualTo(1);
        assertThat(stats.reversals()).isZero();
        assertThat(ledger.reverse("pay_overtaken")).isFalse();
    }

    @Test
    void refuses_an_authorisation_reversed_while_the_issuer_was_unavailable_for_it() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        ledger.settle("pay_1", 100, new IssuerUnavailable());
        ledger.reverse("pay_1");

        assertThat(ledger.settle("pay_1", 100, Authorization.approved())).isEqualTo(Authorization.refusedAfterReversal());
        assertThat(ledger.stats().approvals()).isZero();
    }

    @Test
    void never_counts_a_refusal_after_reversal_as_a_second_approval_of_a_forgotten_key() {
        AuthorizationLedger ledger = ledgerRemembering(1);
        ledger.settle("pay_1", 100, Authorization.approved());
        ledger.settle("pay_2", 100, Authorization.approved());
        ledger.reverse("pay_1");

        assertThat(ledger.settle("pay_1", 100, Authorization.approved())).isEqualTo(Authorization.refusedAfterReversal());

        LedgerStats stats = ledger.stats();
        assertThat(stats.approvedMoreThanOnce()).isZero();
        assertThat(stats.approvals()).isEqualTo(2);
        assertThat(stats.authorizationsRefusedAfterReversal()).isEqualTo(1);
    }

    @Test
    void keeps_no_tombstone_for_a_key_it_has_an_answer_for() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        ledger.settle("pay_declined", 100, Authorization.declined());
        Authorization approval = Authorization.approved();
        ledger.settle("pay_approved", 100, approval);

        ledger.reverse("pay_declined");
        ledger.reverse("pay_approved");

        assertThat(ledger.settle("pay_declined", 100, Authorization.approved())).isEqualTo(Authorization.declined());
        assertThat(ledger.settle("pay_approved", 100, Authorization.approved())).isEqualTo(approval);
        assertThat(ledger.stats().authorizationsRefusedAfterReversal()).isZero();
    }

    @Test
    void keeps_tombstones_for_no_more_keys_than_it_remembers() {
        AuthorizationLedger ledger = ledgerRemembering(2);
        ledger.reverse("pay_1");
        ledger.reverse("pay_2");
        ledger.reverse("pay_3");

        Authorization approval = Authorization.approved();

        assertThat(ledger.settle("pay_1", 100, approval)).isEqualTo(approval);
        assertThat(ledger.settle("pay_3", 100, Authorization.approved())).isEqualTo(Authorization.refusedAfterReversal());
    }

    @Test
    void forgets_its_tombstones_on_reset() {
        AuthorizationLedger ledger = ledgerRemembering(10);
        ledger.reverse("pay_1");

        ledger.reset();

        Authorization approval = Authorization.approved();
        assertThat(ledger.settle("pay_1", 100, approval)).isEqualTo(approval);
    }

    @Test
    void makes_one_decision_for_threads_racing_with_the_same_key() throws Exception {
        AuthorizationLedger ledger = ledgerRemembering(10);
        CountDownLatch start = new CountDownLatch(1);

        List<IssuerAnswer> answers;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<IssuerAnswer>> racing = IntStream.range(0, 64)
                    .mapToObj(i -> threads.submit(() -> {
                        start.await();
                        return ledger.settle("pay_raced", 100, i % 2 == 0 ? Authorization.approved() : Authorization.declined());
                    }))
                    .toList();
            start.countDown();
            answers = racing.stream().map(AuthorizationLedgerTests::result).toList();
        }

        assertThat(answers).containsOnly(answers.getFirst());
        LedgerStats stats = ledger.stats();
        assertThat(stats.authorizationRequests()).isEqualTo(1);
        assertThat(stats.approvals() + stats.declines()).isEqualTo(1);
        assertThat(stats.idempotentReplays()).isEqualTo(63);
    }

    private static AuthorizationLedger ledgerRemembering(int keys) {
        return new AuthorizationLedger(new PiggybankProperties(
                new Latency(Duration.ZERO, Duration.ZERO), new Faults(0, 0, Duration.ofSeconds(30), false),
                new Idempotency(keys)));
    }

    private static IssuerAnswer result(Future<IssuerAnswer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
