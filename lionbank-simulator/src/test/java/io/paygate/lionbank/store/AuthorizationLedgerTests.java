package io.paygate.lionbank.store;

import static io.paygate.lionbank.TestCards.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.model.AuthorizationRequest;
import io.paygate.lionbank.model.Decision;
import io.paygate.lionbank.model.ResponseCode;
import io.paygate.lionbank.model.TransactionKey;

class AuthorizationLedgerTests {

    private final AuthorizationLedger ledger = ledgerRemembering(100);

    @Test
    void answers_a_duplicate_with_the_first_answer_and_approves_once() {
        Decision first = ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        Decision again = ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        assertThat(first.approved()).isTrue();
        assertThat(first.rrn()).hasSize(12).containsOnlyDigits();
        assertThat(first.authCode()).hasSize(6);
        assertThat(again).isEqualTo(first);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.duplicates()).isEqualTo(1);
            assertThat(stats.authorizationRequests()).isEqualTo(1);
        });
    }

    @Test
    void answers_a_duplicate_decline_with_the_same_decline() {
        Decision first = ledger.settle(request(1, GOOD_CARD), ResponseCode.INSUFFICIENT_FUNDS);

        assertThat(ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED)).isEqualTo(first);
        assertThat(first.authCode()).isNull();
        assertThat(ledger.stats().declines()).isEqualTo(1);
        assertThat(ledger.stats().approvals()).isZero();
    }

    @Test
    void refuses_the_same_key_with_another_card_without_deciding() {
        ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        Decision clash = ledger.settle(request(1, ANOTHER_GOOD_CARD), ResponseCode.APPROVED);

        assertThat(clash.responseCode()).isEqualTo(ResponseCode.DUPLICATE_TRANSMISSION);
        assertThat(ledger.stats().approvals()).isEqualTo(1);
        assertThat(ledger.stats().duplicateTransmissions()).isEqualTo(1);
    }

    @Test
    void evaluates_a_retry_afresh_after_issuer_unavailable() {
        ledger.settle(request(1, GOOD_CARD), ResponseCode.ISSUER_UNAVAILABLE);

        Decision retry = ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        assertThat(retry.approved()).isTrue();
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.unavailable()).isEqualTo(1);
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.duplicates()).isZero();
        });
    }

    @Test
    void a_reversed_approval_no_longer_counts_however_often_it_is_reversed() {
        ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);
        ledger.settle(request(2, GOOD_CARD), ResponseCode.APPROVED);

        ledger.reverse(key(1), false);
        ledger.reverse(key(1), true);

        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.reversalRequests()).isEqualTo(2);
            assertThat(stats.reversalRepeats()).isEqualTo(1);
        });
    }

    @Test
    void reversing_a_decline_changes_nothing() {
        ledger.settle(request(1, GOOD_CARD), ResponseCode.DO_NOT_HONOUR);

        ledger.reverse(key(1), false);

        assertThat(ledger.stats().reversals()).isZero();
        assertThat(ledger.stats().declines()).isEqualTo(1);
        assertThat(ledger.stats().reversalsBeforeAuthorization()).isZero();
    }

    @Test
    void declines_an_authorisation_its_reversal_overtook() {
        ledger.reverse(key(1), false);

        Decision late = ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        assertThat(late.responseCode()).isEqualTo(ResponseCode.DO_NOT_HONOUR);
        assertThat(ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED)).isEqualTo(late);
        assertThat(ledger.stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isZero();
            assertThat(stats.reversalsBeforeAuthorization()).isEqualTo(1);
            assertThat(stats.refusedAfterReversal()).isEqualTo(1);
        });
    }

    @Test
    void reports_an_approval_repeated_after_the_first_was_forgotten() {
        AuthorizationLedger forgetful = ledgerRemembering(1);
        forgetful.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);
        forgetful.settle(request(2, GOOD_CARD), ResponseCode.APPROVED);

        forgetful.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        assertThat(forgetful.stats().approvedMoreThanOnce()).isEqualTo(1);
        assertThat(forgetful.stats().forgottenTransactions()).isEqualTo(2);
    }

    @Test
    void reverses_an_approval_it_no_longer_remembers_in_full() {
        AuthorizationLedger forgetful = ledgerRemembering(1);
        forgetful.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);
        forgetful.settle(request(2, GOOD_CARD), ResponseCode.DO_NOT_HONOUR);

        forgetful.reverse(key(1), false);

        assertThat(forgetful.stats().reversals()).isEqualTo(1);
        assertThat(forgetful.stats().approvals()).isZero();
        assertThat(forgetful.stats().reversalsBeforeAuthorization()).isZero();
    }

    @Test
    void a_reset_forgets_transactions_and_counters() {
        ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED);

        ledger.reset();

        assertThat(ledger.stats()).isEqualTo(new LedgerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(ledger.settle(request(1, GOOD_CARD), ResponseCode.APPROVED).approved()).isTrue();
        assertThat(ledger.stats().duplicates()).isZero();
    }

    static AuthorizationLedger ledgerRemembering(int transactions) {
        return new AuthorizationLedger(new LionbankProperties(new LionbankProperties.Iso("", 0),
                new LionbankProperties.Latency(Duration.ZERO, Duration.ZERO),
                new LionbankProperties.Faults(0, 0, false), transactions));
    }

    private static TransactionKey key(int stan) {
        return new TransactionKey("T1", "M1", "%06d".formatted(stan), "1204120000");
    }

    private static AuthorizationRequest request(int stan, String pan) {
        return new AuthorizationRequest(key(stan), pan, 1000, FUTURE_EXPIRY, "826");
    }
}
