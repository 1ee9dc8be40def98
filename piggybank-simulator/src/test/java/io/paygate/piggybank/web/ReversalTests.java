package io.paygate.piggybank.web;

import static io.paygate.piggybank.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.piggybank.SimulatorTest;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.store.LedgerStats;

@SimulatorTest
class ReversalTests {

    @Autowired
    RestTestClient bank;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @Test
    void reverses_an_approved_authorisation() {
        authorize("pay_to_reverse", "2222405343248877");

        reverse("pay_to_reverse")
                .expectStatus().isOk()
                .expectBody().json("{\"reversed\":true}", JsonCompareMode.STRICT);

        assertThat(stats().reversals()).isEqualTo(1);
    }

    @Test
    void reverses_idempotently_and_counts_once() {
        authorize("pay_reversed_twice", "2222405343248877");

        reverse("pay_reversed_twice").expectStatus().isOk();
        reverse("pay_reversed_twice").expectStatus().isOk();

        assertThat(stats().reversals()).isEqualTo(1);
    }

    @Test
    void finds_nothing_to_reverse_for_an_unknown_key() {
        reverse("pay_never_seen")
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error_message").exists();
    }

    @Test
    void finds_nothing_to_reverse_for_a_declined_authorisation() {
        authorize("pay_declined", "2222405343248872");

        reverse("pay_declined").expectStatus().isNotFound();

        assertThat(stats().reversals()).isZero();
    }

    @Test
    void finds_nothing_to_reverse_when_the_issuer_was_unavailable() {
        bank.post().uri("/payments").header("Idempotency-Key", "pay_unavailable")
                .contentType(MediaType.APPLICATION_JSON).body(payment("2222405343248870"))
                .exchange().expectStatus().isEqualTo(503);

        reverse("pay_unavailable").expectStatus().isNotFound();
    }

    @Test
    void acknowledges_the_reversal_of_an_unknown_key_every_time_it_is_asked() {
        reverse("pay_reversed_first").expectStatus().isNotFound();
        reverse("pay_reversed_first").expectStatus().isNotFound();

        assertThat(stats().reversals()).isZero();
    }

    @Test
    void refuses_an_authorisation_that_arrives_after_its_reversal_and_counts_it() {
        reverse("pay_overtaken").expectStatus().isNotFound();

        authorization("pay_overtaken", "2222405343248877")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"authorized":false,"authorization_code":"","decline_reason":"reversed_before_authorization"}""",
                        JsonCompareMode.STRICT);
        authorization("pay_overtaken", "2222405343248877")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.authorized").isEqualTo(false);

        LedgerStats stats = stats();
        assertThat(stats.authorizationsRefusedAfterReversal()).isEqualTo(1);
        assertThat(stats.approvals()).isZero();
        assertThat(stats.declines()).isEqualTo(1);
        assertThat(stats.idempotentReplays()).isEqualTo(1);
        assertThat(stats.reversals()).isZero();
        assertThat(stats.approvedMoreThanOnce()).isZero();
        reverse("pay_overtaken").expectStatus().isNotFound();
    }

    @Test
    void counts_no_refusal_after_reversal_when_the_reversal_comes_after_the_approval() {
        authorize("pay_in_order", "2222405343248877");
        reverse("pay_in_order").expectStatus().isOk();
        authorize("pay_in_order", "2222405343248877");

        LedgerStats stats = stats();
        assertThat(stats.authorizationsRefusedAfterReversal()).isZero();
        assertThat(stats.approvals()).isEqualTo(1);
        assertThat(stats.reversals()).isEqualTo(1);
    }

    @Test
    void still_replays_the_approval_after_reversing_it() {
        Authorization approval = authorize("pay_reversed_then_replayed", "2222405343248877");
        reverse("pay_reversed_then_replayed").expectStatus().isOk();

        assertThat(authorize("pay_reversed_then_replayed", "2222405343248877")).isEqualTo(approval);
    }

    private Authorization authorize(String idempotencyKey, String cardNumber) {
        return authorization(idempotencyKey, cardNumber)
                .expectStatus().isOk()
                .returnResult(Authorization.class).getResponseBody();
    }

    private RestTestClient.ResponseSpec authorization(String idempotencyKey, String cardNumber) {
        return bank.post().uri("/payments").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(payment(cardNumber))
                .exchange();
    }

    private RestTestClient.ResponseSpec reverse(String idempotencyKey) {
        return bank.post().uri("/payments/{key}/reversals", idempotencyKey).exchange();
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody();
    }
}
