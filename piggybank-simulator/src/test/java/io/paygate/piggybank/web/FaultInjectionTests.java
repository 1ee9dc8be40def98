package io.paygate.piggybank.web;

import static io.paygate.piggybank.PaymentRequests.payment;
import static io.paygate.piggybank.PaymentRequests.paymentWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.piggybank.SimulatorTest;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.store.LedgerStats;

/** What each knob of {@code /simulator/faults} does to authorisations, actions and reversals, over real HTTP. */
@SimulatorTest
class FaultInjectionTests {

    private static final String APPROVED_CARD = "2222405343248877";

    @Autowired
    RestTestClient bank;

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @AfterEach
    void restoreFaults() {
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
        client.close();
    }

    @Test
    void answers_503_to_every_payment_at_an_unavailable_rate_of_one() {
        setFaults("{\"unavailable_rate\":1}");

        IntStream.range(0, 20).forEach(i -> authorize("pay_unlucky_" + i)
                .expectStatus().isEqualTo(503)
                .expectBody().json("{\"error_message\":\"The issuer is unavailable\"}", JsonCompareMode.STRICT));

        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.injectedUnavailable()).isEqualTo(20);
            assertThat(stats.unavailable()).isZero();
            assertThat(stats.authorizationRequests()).isZero();
            assertThat(stats.distinctIdempotencyKeys()).isZero();
        });
    }

    @Test
    void never_injects_a_503_at_an_unavailable_rate_of_zero() {
        setFaults("{\"unavailable_rate\":1}");
        setFaults("{\"unavailable_rate\":0}");

        IntStream.range(0, 20).forEach(i -> authorize("pay_lucky_" + i).expectStatus().isOk());

        assertThat(stats().injectedUnavailable()).isZero();
        assertThat(stats().approvals()).isEqualTo(20);
    }

    @Test
    void injects_503_about_as_often_as_the_rate_says() {
        setFaults("{\"unavailable_rate\":0.5}");

        IntStream.range(0, 200).forEach(i -> authorize("pay_coin_" + i));

        // 200 fair coin tosses: outside 60..140 has a probability of about 1e-8.
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.injectedUnavailable()).isBetween(60L, 140L);
            assertThat(stats.injectedUnavailable() + stats.approvals()).isEqualTo(200);
        });
    }

    @Test
    void decides_a_retry_normally_after_an_injected_503() {
        setFaults("{\"unavailable_rate\":1}");
        authorize("pay_retried_after_503").expectStatus().isEqualTo(503);
        setFaults("{\"unavailable_rate\":0}");

        Authorization retry = approve("pay_retried_after_503");

        assertThat(retry.authorized()).isTrue();
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.authorizationRequests()).isEqualTo(1);
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.idempotentReplays()).isZero();
            assertThat(stats.injectedUnavailable()).isEqualTo(1);
        });
        assertThat(approve("pay_retried_after_503")).isEqualTo(retry);
    }

    @Test
    void keeps_the_first_answer_of_a_key_through_an_injected_503() {
        Authorization first = approve("pay_answered_before_503");
        setFaults("{\"unavailable_rate\":1}");
        authorize("pay_answered_before_503").expectStatus().isEqualTo(503);
        setFaults("{\"unavailable_rate\":0}");

        assertThat(approve("pay_answered_before_503")).isEqualTo(first);
        assertThat(stats().approvals()).isEqualTo(1);
    }

    @Test
    void hangs_past_the_callers_timeout_without_deciding() {
        setFaults("{\"hang_rate\":1,\"hang_for_ms\":3000}");

        assertThatExceptionOfType(HttpTimeoutException.class)
                .isThrownBy(() -> client.send(request("pay_timed_out", Duration.ofMillis(300)),
                        HttpResponse.BodyHandlers.ofString()));

        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.hung()).isEqualTo(1);
            assertThat(stats.authorizationRequests()).isZero();
            assertThat(stats.distinctIdempotencyKeys()).isZero();
        });
    }

    @Test
    void answers_503_once_the_hang_is_over() {
        setFaults("{\"hang_rate\":1,\"hang_for_ms\":400}");
        long started = System.nanoTime();

        CompletableFuture<HttpResponse<String>> hanging =
                client.sendAsync(request("pay_hung_briefly", Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(5)).until(hanging::isDone);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(hanging.join().statusCode()).isEqualTo(503);
        assertThat(stats().hung()).isEqualTo(1);
    }

    @Test
    void decides_a_retry_normally_while_the_first_attempt_still_hangs() {
        setFaults("{\"hang_rate\":1,\"hang_for_ms\":1500}");
        CompletableFuture<HttpResponse<String>> hanging =
                client.sendAsync(request("pay_retried_during_hang", Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> stats().hung() == 1);
        setFaults("{\"hang_rate\":0}");

        Authorization retry = approve("pay_retried_during_hang");

        await().atMost(Duration.ofSeconds(5)).until(hanging::isDone);
        assertThat(hanging.join().statusCode()).isEqualTo(503);
        assertThat(retry.authorized()).isTrue();
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.hung()).isEqualTo(1);
            assertThat(stats.authorizationRequests()).isEqualTo(1);
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.idempotentReplays()).isZero();
        });
        assertThat(approve("pay_retried_during_hang")).isEqualTo(retry);
    }

    @Test
    void answers_every_payment_503_at_once_while_down() {
        setFaults("{\"down\":true,\"latency_fixed_ms\":5000}");
        long started = System.nanoTime();

        authorize("pay_while_down")
                .expectStatus().isEqualTo(503)
                .expectBody().json("{\"error_message\":\"The bank is down\"}", JsonCompareMode.STRICT);
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(paymentWithout("cvv"))
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.refusedWhileDown()).isEqualTo(2);
            assertThat(stats.authorizationRequests()).isZero();
            assertThat(stats.invalidRequests()).isZero();
        });
    }

    @Test
    void decides_payments_again_once_back_up() {
        setFaults("{\"down\":true}");
        authorize("pay_during_outage").expectStatus().isEqualTo(503);
        setFaults("{\"down\":false}");

        assertThat(approve("pay_during_outage").authorized()).isTrue();
        assertThat(stats().authorizationRequests()).isEqualTo(1);
    }

    @Test
    void refuses_reversals_while_down_and_honours_them_once_up() {
        approve("pay_reversed_after_outage");
        setFaults("{\"down\":true}");

        reverse("pay_reversed_after_outage").expectStatus().isEqualTo(503);
        setFaults("{\"down\":false}");
        reverse("pay_reversed_after_outage")
                .expectStatus().isOk()
                .expectBody().json("{\"reversed\":true}", JsonCompareMode.STRICT);

        assertThat(stats().reversals()).isEqualTo(1);
        assertThat(stats().refusedWhileDown()).isEqualTo(1);
    }

    @Test
    void holds_each_authorisation_for_the_latency_set_at_run_time() {
        setFaults("{\"latency_fixed_ms\":400,\"latency_jitter_ms\":100}");
        long started = System.nanoTime();

        authorize("pay_slow").expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void honours_a_reversal_while_latency_is_set() {
        approve("pay_reversed_slowly");
        setFaults("{\"latency_fixed_ms\":300}");
        long started = System.nanoTime();

        reverse("pay_reversed_slowly")
                .expectStatus().isOk()
                .expectBody().json("{\"reversed\":true}", JsonCompareMode.STRICT);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(stats().reversals()).isEqualTo(1);
    }

    @Test
    void stops_delaying_once_the_configured_knobs_are_restored() {
        setFaults("{\"latency_fixed_ms\":10000}");
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
        long started = System.nanoTime();

        authorize("pay_fast_again").expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void answers_every_action_503_at_once_while_down_and_decides_it_once_up() {
        approve("pay_captured_after_outage");
        setFaults("{\"down\":true,\"latency_fixed_ms\":5000}");
        long started = System.nanoTime();

        capture("pay_captured_after_outage", "act_capture", "{\"amount\":100}")
                .expectStatus().isEqualTo(503)
                .expectBody().json("{\"error_message\":\"The bank is down\"}", JsonCompareMode.STRICT);
        action("pay_captured_after_outage", "voids", "act_void", "").expectStatus().isEqualTo(503);
        action("pay_captured_after_outage", "refunds", "act_refund", "{\"amount\":100}").expectStatus().isEqualTo(503);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        setFaults("{\"down\":false,\"latency_fixed_ms\":0}");
        capture("pay_captured_after_outage", "act_capture", "{\"amount\":100}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.refusedWhileDown()).isEqualTo(3);
            assertThat(stats.captures()).isEqualTo(1);
            assertThat(stats.actionsReplayed()).isZero();
        });
    }

    @Test
    void decides_an_action_retried_after_an_injected_503_once() {
        approve("pay_capture_retried");
        setFaults("{\"unavailable_rate\":1}");
        capture("pay_capture_retried", "act_retried", "{\"amount\":60}")
                .expectStatus().isEqualTo(503)
                .expectBody().json("{\"error_message\":\"The issuer is unavailable\"}", JsonCompareMode.STRICT);
        setFaults("{\"unavailable_rate\":0}");

        String first = capture("pay_capture_retried", "act_retried", "{\"amount\":60}")
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        String repeat = capture("pay_capture_retried", "act_retried", "{\"amount\":60}")
                .expectStatus().isOk().returnResult(String.class).getResponseBody();

        assertThat(repeat).isEqualTo(first).contains("\"approved\":true");
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.injectedUnavailable()).isEqualTo(1);
            assertThat(stats.captures()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(60);
            assertThat(stats.actionsReplayed()).isEqualTo(1);
        });
    }

    @Test
    void hangs_an_action_past_the_callers_timeout_without_deciding_it() {
        approve("pay_refund_hung");
        capture("pay_refund_hung", "act_capture", "{\"amount\":100}").expectStatus().isOk();
        setFaults("{\"hang_rate\":1,\"hang_for_ms\":3000}");

        assertThatExceptionOfType(HttpTimeoutException.class)
                .isThrownBy(() -> client.send(actionRequest("pay_refund_hung", "refunds", "act_refund",
                        "{\"amount\":100}", Duration.ofMillis(300)), HttpResponse.BodyHandlers.ofString()));
        setFaults("{\"hang_rate\":0}");

        action("pay_refund_hung", "refunds", "act_refund", "{\"amount\":100}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.hung()).isEqualTo(1);
            assertThat(stats.refunds()).isEqualTo(1);
            assertThat(stats.actionsReplayed()).isZero();
        });
    }

    @Test
    void holds_each_action_for_the_latency_set_at_run_time() {
        approve("pay_voided_slowly");
        setFaults("{\"latency_fixed_ms\":300}");
        long started = System.nanoTime();

        action("pay_voided_slowly", "voids", "act_void", "")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.approved").isEqualTo(true);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private RestTestClient.ResponseSpec capture(String paymentKey, String actionKey, String body) {
        return action(paymentKey, "captures", actionKey, body);
    }

    private RestTestClient.ResponseSpec action(String paymentKey, String kind, String actionKey, String body) {
        return bank.post().uri("/payments/{key}/" + kind, paymentKey).header("Idempotency-Key", actionKey)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange();
    }

    private HttpRequest actionRequest(String paymentKey, String kind, String actionKey, String body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/" + paymentKey + "/" + kind))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", actionKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void setFaults(String knobs) {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body(knobs)
                .exchange()
                .expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec authorize(String idempotencyKey) {
        return bank.post().uri("/payments").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(payment(APPROVED_CARD))
                .exchange();
    }

    private Authorization approve(String idempotencyKey) {
        return authorize(idempotencyKey).expectStatus().isOk().returnResult(Authorization.class).getResponseBody();
    }

    private RestTestClient.ResponseSpec reverse(String idempotencyKey) {
        return bank.post().uri("/payments/{key}/reversals", idempotencyKey).exchange();
    }

    private HttpRequest request(String idempotencyKey, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(payment(APPROVED_CARD)))
                .build();
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody();
    }
}
