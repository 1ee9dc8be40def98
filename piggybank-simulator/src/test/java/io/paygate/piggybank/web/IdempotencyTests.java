package io.paygate.piggybank.web;

import static io.paygate.piggybank.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.piggybank.SimulatorTest;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.store.LedgerStats;

@SimulatorTest
class IdempotencyTests {

    @Autowired
    RestTestClient bank;

    @LocalServerPort
    int port;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @Test
    void replays_the_first_approval_for_a_repeated_key() {
        Authorization first = authorize("pay_replayed", "2222405343248877");
        Authorization repeat = authorize("pay_replayed", "2222405343248877");

        assertThat(repeat).isEqualTo(first);
        assertThat(first.authorized()).isTrue();
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.authorizationRequests()).isEqualTo(1);
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.idempotentReplays()).isEqualTo(1);
            assertThat(stats.distinctIdempotencyKeys()).isEqualTo(1);
            assertThat(stats.approvalsWithoutIdempotencyKey()).isZero();
        });
    }

    @Test
    void replays_the_first_answer_even_when_the_repeat_carries_another_card() {
        Authorization decline = authorize("pay_declined_first", "2222405343248872");

        Authorization repeat = authorize("pay_declined_first", "2222405343248877");

        assertThat(repeat).isEqualTo(decline).isEqualTo(Authorization.declined());
        assertThat(stats().approvals()).isZero();
    }

    @Test
    void gives_different_keys_their_own_decisions() {
        Authorization first = authorize("pay_first", "2222405343248877");
        Authorization second = authorize("pay_second", "2222405343248877");

        assertThat(second.authorizationCode()).isNotEqualTo(first.authorizationCode());
        assertThat(stats().distinctIdempotencyKeys()).isEqualTo(2);
    }

    @Test
    void evaluates_a_retry_afresh_after_the_issuer_was_unavailable() {
        post("pay_unavailable", payment("2222405343248870")).expectStatus().isEqualTo(503);
        post("pay_unavailable", payment("2222405343248870")).expectStatus().isEqualTo(503);

        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.unavailable()).isEqualTo(2);
            assertThat(stats.authorizationRequests()).isEqualTo(2);
            assertThat(stats.idempotentReplays()).isZero();
            assertThat(stats.distinctIdempotencyKeys()).isZero();
        });
    }

    @Test
    void evaluates_a_corrected_request_afresh_after_a_refused_one() {
        post("pay_corrected", "{\"card_number\":\"2222405343248877\"}").expectStatus().isBadRequest();

        Authorization corrected = authorize("pay_corrected", "2222405343248877");

        assertThat(corrected.authorized()).isTrue();
        assertThat(stats().idempotentReplays()).isZero();
    }

    @Test
    void refuses_a_blank_idempotency_key() {
        post(" ", payment("2222405343248877"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("Idempotency-Key"));
    }

    @Test
    void makes_one_decision_for_requests_racing_with_the_same_key() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "pay_raced")
                .POST(HttpRequest.BodyPublishers.ofString(payment("2222405343248877")))
                .build();

        List<HttpResponse<String>> responses;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 20)
                    .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                    .toList();
            responses = racing.stream().map(CompletableFuture::join).toList();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).extracting(HttpResponse::body).hasSize(20).containsOnly(responses.getFirst().body());
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.authorizationRequests()).isEqualTo(1);
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.idempotentReplays()).isEqualTo(19);
            assertThat(stats.approvedMoreThanOnce()).isZero();
        });
    }

    private Authorization authorize(String idempotencyKey, String cardNumber) {
        return post(idempotencyKey, payment(cardNumber))
                .expectStatus().isOk()
                .returnResult(Authorization.class).getResponseBody();
    }

    private RestTestClient.ResponseSpec post(String idempotencyKey, String body) {
        return bank.post().uri("/payments")
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody();
    }
}
