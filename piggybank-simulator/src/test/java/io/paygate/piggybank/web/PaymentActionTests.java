package io.paygate.piggybank.web;

import static io.paygate.piggybank.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.piggybank.SimulatorTest;
import io.paygate.piggybank.model.ActionAnswer;
import io.paygate.piggybank.store.LedgerStats;

/** Captures, voids and refunds over HTTP: the answers' shapes, idempotency per action key, and the bank's rules. */
@SimulatorTest
class PaymentActionTests {

    private static final String APPROVED_CARD = "2222405343248877";

    @Autowired
    RestTestClient bank;

    @LocalServerPort
    int port;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @Test
    void captures_part_of_an_authorisation_then_the_rest() {
        authorize("pay_captured", 100);

        capture("pay_captured", "act_first", "{\"amount\":40,\"final\":false}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.approved").isEqualTo(true)
                .jsonPath("$.action_id").isEqualTo("act_first")
                .jsonPath("$.amount").isEqualTo(40)
                .jsonPath("$.reference").value(String.class,
                        reference -> assertThat(reference).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .jsonPath("$.decline_reason").doesNotExist();
        capture("pay_captured", "act_rest", "{\"amount\":60,\"final\":true}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);

        LedgerStats stats = stats();
        assertThat(stats.captures()).isEqualTo(2);
        assertThat(stats.capturedTotal()).isEqualTo(100);
        assertThat(stats.capturedMoreThanAuthorized()).isZero();
    }

    @Test
    void declines_a_capture_beyond_the_authorised_amount_as_an_answer_and_counts_it() {
        authorize("pay_overcaptured", 100);
        capture("pay_overcaptured", "act_most", "{\"amount\":90}").expectStatus().isOk();

        capture("pay_overcaptured", "act_too_much", "{\"amount\":11,\"final\":false}")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"approved":false,"action_id":"act_too_much","reference":"","amount":11,
                         "decline_reason":"amount_exceeds_authorized"}""", JsonCompareMode.STRICT);

        LedgerStats stats = stats();
        assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(90);
        assertThat(stats.actionsDeclined()).isEqualTo(1);
    }

    @Test
    void captures_nothing_after_a_final_capture() {
        authorize("pay_closed", 100);
        capture("pay_closed", "act_final", "{\"amount\":30,\"final\":true}").expectStatus().isOk();

        capture("pay_closed", "act_after_final", "{\"amount\":10}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.approved").isEqualTo(false)
                .jsonPath("$.decline_reason").isEqualTo("authorization_closed");
        assertThat(stats().capturedMoreThanAuthorized()).isZero();
    }

    @Test
    void voids_an_authorisation_and_captures_nothing_after_it() {
        authorize("pay_voided", 100);

        voidPayment("pay_voided", "act_void")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.approved").isEqualTo(true)
                .jsonPath("$.action_id").isEqualTo("act_void")
                .jsonPath("$.amount").isEqualTo(100);
        capture("pay_voided", "act_after_void", "{\"amount\":10}")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"approved":false,"action_id":"act_after_void","reference":"","amount":10,
                         "decline_reason":"authorization_voided"}""", JsonCompareMode.STRICT);

        assertThat(stats().voided()).isEqualTo(1);
        assertThat(stats().captures()).isZero();
    }

    @Test
    void voids_without_a_body_or_with_one() {
        authorize("pay_voided_with_body", 100);

        bank.post().uri("/payments/{key}/voids", "pay_voided_with_body").header("Idempotency-Key", "act_void")
                .contentType(MediaType.APPLICATION_JSON).body("{\"reference\":\"ignored\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
    }

    @Test
    void does_not_void_an_authorisation_already_partly_captured() {
        authorize("pay_partly_captured", 100);
        capture("pay_partly_captured", "act_capture", "{\"amount\":10}").expectStatus().isOk();

        voidPayment("pay_partly_captured", "act_void")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"approved":false,"action_id":"act_void","reference":"","decline_reason":"already_captured"}""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void refunds_part_then_the_rest_of_what_was_captured() {
        authorize("pay_refunded", 100);
        capture("pay_refunded", "act_capture", "{\"amount\":70,\"final\":true}").expectStatus().isOk();

        refund("pay_refunded", "act_refund_1", "{\"amount\":50}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.approved").isEqualTo(true)
                .jsonPath("$.amount").isEqualTo(50);
        refund("pay_refunded", "act_refund_2", "{\"amount\":20}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);

        LedgerStats stats = stats();
        assertThat(stats.refunds()).isEqualTo(2);
        assertThat(stats.refundedTotal()).isEqualTo(70);
        assertThat(stats.refundedMoreThanCaptured()).isZero();
    }

    @Test
    void declines_a_refund_beyond_what_was_captured_and_counts_it() {
        authorize("pay_overrefunded", 100);
        capture("pay_overrefunded", "act_capture", "{\"amount\":30}").expectStatus().isOk();

        refund("pay_overrefunded", "act_refund", "{\"amount\":31}")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"approved":false,"action_id":"act_refund","reference":"","amount":31,
                         "decline_reason":"amount_exceeds_captured"}""", JsonCompareMode.STRICT);

        assertThat(stats().refundedMoreThanCaptured()).isEqualTo(1);
        assertThat(stats().refunds()).isZero();
    }

    @Test
    void replays_the_first_answer_for_a_repeated_action_key_and_acts_once() {
        authorize("pay_replayed", 100);
        ActionAnswer first = capture("pay_replayed", "act_replayed", "{\"amount\":60}")
                .expectStatus().isOk().returnResult(ActionAnswer.class).getResponseBody();

        ActionAnswer repeat = capture("pay_replayed", "act_replayed", "{\"amount\":60}")
                .expectStatus().isOk().returnResult(ActionAnswer.class).getResponseBody();

        assertThat(repeat).isEqualTo(first);
        assertThat(first.approved()).isTrue();
        LedgerStats stats = stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(60);
        assertThat(stats.actionsReplayed()).isEqualTo(1);
    }

    @Test
    void reads_a_missing_final_as_false_so_a_repeat_saying_false_is_the_same_action() {
        authorize("pay_default_final", 100);
        capture("pay_default_final", "act_1", "{\"amount\":60}").expectStatus().isOk();

        capture("pay_default_final", "act_1", "{\"amount\":60,\"final\":false}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
        assertThat(stats().actionsReplayed()).isEqualTo(1);
    }

    @Test
    void refuses_an_action_key_reused_with_another_body_and_changes_nothing() {
        authorize("pay_key_reused", 100);
        capture("pay_key_reused", "act_reused", "{\"amount\":60}").expectStatus().isOk();

        capture("pay_key_reused", "act_reused", "{\"amount\":40}")
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("Idempotency-Key"));
        capture("pay_key_reused", "act_reused", "{\"amount\":60,\"final\":true}").expectStatus().isEqualTo(422);
        refund("pay_key_reused", "act_reused", "{\"amount\":60}").expectStatus().isEqualTo(422);
        voidPayment("pay_key_reused", "act_reused").expectStatus().isEqualTo(422);

        LedgerStats stats = stats();
        assertThat(stats.actionKeysReused()).isEqualTo(4);
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(60);
        assertThat(stats.refunds()).isZero();
        assertThat(stats.voided()).isZero();
    }

    @Test
    void refuses_an_action_key_reused_for_another_payment() {
        authorize("pay_a", 100);
        authorize("pay_b", 100);
        capture("pay_a", "act_shared", "{\"amount\":10}").expectStatus().isOk();

        capture("pay_b", "act_shared", "{\"amount\":10}").expectStatus().isEqualTo(422);

        assertThat(stats().captures()).isEqualTo(1);
    }

    @Test
    void finds_no_payment_for_an_unknown_key_and_remembers_nothing() {
        capture("pay_never_seen", "act_1", "{\"amount\":10}")
                .expectStatus().isNotFound()
                .expectBody().json("{\"error_message\":\"No approved authorisation for this payment\"}",
                        JsonCompareMode.STRICT);
        voidPayment("pay_never_seen", "act_2").expectStatus().isNotFound();
        refund("pay_never_seen", "act_3", "{\"amount\":10}").expectStatus().isNotFound();

        authorize("pay_never_seen", 100);
        capture("pay_never_seen", "act_1", "{\"amount\":10}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
        assertThat(stats().actionsForUnknownPayments()).isEqualTo(3);
    }

    @Test
    void finds_no_payment_to_act_on_for_a_declined_authorisation() {
        bank.post().uri("/payments").header("Idempotency-Key", "pay_declined")
                .contentType(MediaType.APPLICATION_JSON).body(payment("2222405343248872"))
                .exchange().expectStatus().isOk();

        capture("pay_declined", "act_1", "{\"amount\":10}").expectStatus().isNotFound();
    }

    @Test
    void captures_nothing_after_a_reversal_but_refunds_what_was_captured_before() {
        authorize("pay_reversed", 100);
        capture("pay_reversed", "act_capture", "{\"amount\":40}").expectStatus().isOk();
        bank.post().uri("/payments/{key}/reversals", "pay_reversed").exchange().expectStatus().isOk();

        capture("pay_reversed", "act_capture_2", "{\"amount\":10}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.decline_reason").isEqualTo("authorization_reversed");
        refund("pay_reversed", "act_refund", "{\"amount\":40}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
    }

    @Test
    void refuses_an_action_without_an_idempotency_key() {
        authorize("pay_without_action_key", 100);

        for (String kind : List.of("captures", "voids", "refunds")) {
            bank.post().uri("/payments/{key}/" + kind, "pay_without_action_key")
                    .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":10}")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error_message").value(String.class,
                            message -> assertThat(message).contains("Idempotency-Key"));
        }
        assertThat(stats().invalidRequests()).isEqualTo(3);
        assertThat(stats().captures()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"amount\":0}", "{\"amount\":-5}", "{\"final\":true}"})
    void refuses_a_capture_or_refund_without_a_positive_amount(String body) {
        authorize("pay_bad_amount", 100);

        capture("pay_bad_amount", "act_capture", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("amount"));
        refund("pay_bad_amount", "act_refund", body).expectStatus().isBadRequest();

        assertThat(stats().invalidRequests()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":", "{\"amount\":\"ten\"}", ""})
    void refuses_a_body_that_is_not_the_actions_json(String body) {
        authorize("pay_malformed_action", 100);

        capture("pay_malformed_action", "act_1", body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").exists();

        assertThat(stats().invalidRequests()).isEqualTo(1);
    }

    @Test
    void evaluates_an_action_afresh_after_a_refused_request() {
        authorize("pay_corrected_action", 100);
        capture("pay_corrected_action", "act_1", "{\"amount\":0}").expectStatus().isBadRequest();

        capture("pay_corrected_action", "act_1", "{\"amount\":10}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
        assertThat(stats().actionsReplayed()).isZero();
    }

    @Test
    void takes_actions_without_the_control_token_like_authorisations() {
        RestTestClient merchantBank = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        authorize("pay_tokenless", 100);

        merchantBank.post().uri("/payments/{key}/captures", "pay_tokenless").header("Idempotency-Key", "act_capture")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":100,\"final\":true}")
                .exchange().expectStatus().isOk();
        merchantBank.post().uri("/payments/{key}/refunds", "pay_tokenless").header("Idempotency-Key", "act_refund")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":100}")
                .exchange().expectStatus().isOk();
        authorize("pay_tokenless_void", 100);
        merchantBank.post().uri("/payments/{key}/voids", "pay_tokenless_void").header("Idempotency-Key", "act_void")
                .exchange().expectStatus().isOk();

        LedgerStats stats = stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.refunds()).isEqualTo(1);
        assertThat(stats.voided()).isEqualTo(1);
    }

    @Test
    void counts_every_action_in_the_statistics() {
        authorize("pay_counted", 1000);
        capture("pay_counted", "act_capture", "{\"amount\":600}");
        capture("pay_counted", "act_capture", "{\"amount\":600}");
        capture("pay_counted", "act_too_much", "{\"amount\":401}");
        refund("pay_counted", "act_refund", "{\"amount\":100}");
        refund("pay_counted", "act_refund_too_much", "{\"amount\":501}");
        voidPayment("pay_counted", "act_void");
        voidPayment("pay_unknown", "act_void_unknown");
        refund("pay_counted", "act_refund", "{\"amount\":99}");

        bank.get().uri("/simulator/stats").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"captures":1,"captured_total":600,"voided":0,"refunds":1,"refunded_total":100,
                         "actions_declined":3,"actions_replayed":1,"action_keys_reused":1,
                         "actions_for_unknown_payments":1,"captured_more_than_authorized":1,
                         "refunded_more_than_captured":1}""", JsonCompareMode.LENIENT);
    }

    @Test
    void never_captures_beyond_the_authorised_amount_however_many_captures_race() {
        authorize("pay_raced", 1000);

        List<HttpResponse<String>> responses = race(40, i -> action("pay_raced", "captures", "act_raced_" + i,
                "{\"amount\":100}"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).filteredOn(response -> response.body().contains("\"approved\":true")).hasSize(10);
        LedgerStats stats = stats();
        assertThat(stats.captures()).isEqualTo(10);
        assertThat(stats.capturedTotal()).isEqualTo(1000);
        assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(30);
    }

    @Test
    void acts_once_for_requests_racing_with_the_same_action_key() {
        authorize("pay_same_key_raced", 1000);

        List<HttpResponse<String>> responses =
                race(20, i -> action("pay_same_key_raced", "captures", "act_same", "{\"amount\":700}"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.getFirst().body());
        LedgerStats stats = stats();
        assertThat(stats.captures()).isEqualTo(1);
        assertThat(stats.capturedTotal()).isEqualTo(700);
        assertThat(stats.actionsReplayed()).isEqualTo(19);
    }

    private List<HttpResponse<String>> race(int requests, IntFunction<HttpRequest> request) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, requests)
                    .mapToObj(i -> client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            return racing.stream().map(CompletableFuture::join).toList();
        }
    }

    private HttpRequest action(String paymentKey, String kind, String actionKey, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/" + paymentKey + "/" + kind))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", actionKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void authorize(String paymentKey, long amount) {
        bank.post().uri("/payments").header("Idempotency-Key", paymentKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(payment(APPROVED_CARD).replace("\"amount\":100", "\"amount\":" + amount))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.authorized").isEqualTo(true);
    }

    private RestTestClient.ResponseSpec capture(String paymentKey, String actionKey, String body) {
        return post(paymentKey, "captures", actionKey, body);
    }

    private RestTestClient.ResponseSpec refund(String paymentKey, String actionKey, String body) {
        return post(paymentKey, "refunds", actionKey, body);
    }

    private RestTestClient.ResponseSpec voidPayment(String paymentKey, String actionKey) {
        return bank.post().uri("/payments/{key}/voids", paymentKey).header("Idempotency-Key", actionKey).exchange();
    }

    private RestTestClient.ResponseSpec post(String paymentKey, String kind, String actionKey, String body) {
        return bank.post().uri("/payments/{key}/" + kind, paymentKey).header("Idempotency-Key", actionKey)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange();
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody();
    }
}
