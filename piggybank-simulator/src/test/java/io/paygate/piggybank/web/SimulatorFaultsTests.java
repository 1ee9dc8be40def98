package io.paygate.piggybank.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
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
import io.paygate.piggybank.store.LedgerStats;

/** The admin endpoint itself; what each knob does to payments is in {@link FaultInjectionTests}. */
@SimulatorTest
class SimulatorFaultsTests {

    private static final String CONFIGURED = """
            {"latency_fixed_ms":0,"latency_jitter_ms":0,"unavailable_rate":0.0,"hang_rate":0.0,"hang_for_ms":30000,
             "down":false}""";

    @Autowired
    RestTestClient bank;

    @LocalServerPort
    int port;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @AfterEach
    void restoreFaults() {
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
    }

    @Test
    void shows_the_configured_knobs() {
        bank.get().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }

    @Test
    void changes_only_the_knobs_a_change_names() {
        change("""
                {"unavailable_rate":0.25,"latency_fixed_ms":40}""")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"latency_fixed_ms":40,"latency_jitter_ms":0,"unavailable_rate":0.25,"hang_rate":0.0,
                         "hang_for_ms":30000,"down":false}""", JsonCompareMode.STRICT);

        change("""
                {"down":true,"hang_for_ms":1500}""").expectStatus().isOk();

        bank.get().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"latency_fixed_ms":40,"latency_jitter_ms":0,"unavailable_rate":0.25,"hang_rate":0.0,
                         "hang_for_ms":1500,"down":true}""", JsonCompareMode.STRICT);
    }

    @Test
    void lets_nobody_without_the_control_token_change_the_knobs_or_reset_the_statistics() {
        RestTestClient stranger = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        stranger.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body("{\"down\":true}")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        stranger.put().uri("/simulator/faults").header("Authorization", "Bearer not-the-token")
                .contentType(MediaType.APPLICATION_JSON).body("{\"down\":true}")
                .exchange().expectStatus().isUnauthorized();
        stranger.delete().uri("/simulator/stats").exchange().expectStatus().isUnauthorized();

        stranger.get().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }

    @Test
    void changes_nothing_for_an_empty_change() {
        change("{}").expectStatus().isOk().expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }

    @Test
    void restores_the_configured_knobs() {
        change("""
                {"latency_fixed_ms":10,"latency_jitter_ms":20,"unavailable_rate":0.5,"hang_rate":0.5,"hang_for_ms":100,
                 "down":true}""").expectStatus().isOk();

        bank.delete().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
        bank.get().uri("/simulator/faults").exchange()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unavailable_rate:1.01", "unavailable_rate:-0.1", "hang_rate:2", "hang_rate:-1"})
    void refuses_a_rate_outside_zero_to_one(String knob) {
        String[] nameAndValue = knob.split(":");

        change("{\"" + nameAndValue[0] + "\":" + nameAndValue[1] + "}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").isEqualTo(nameAndValue[0] + " must be between 0 and 1");

        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency_fixed_ms", "latency_jitter_ms", "hang_for_ms"})
    void refuses_a_negative_duration(String knob) {
        change("{\"" + knob + "\":-1}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").isEqualTo(knob + " must not be negative");

        assertUnchanged();
    }

    @Test
    void names_every_invalid_knob_and_changes_none() {
        change("""
                {"unavailable_rate":1.5,"hang_for_ms":-5,"down":true}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("unavailable_rate", "hang_for_ms").doesNotContain("down"));

        assertUnchanged();
    }

    @Test
    void refuses_an_unknown_knob_rather_than_ignore_it() {
        change("""
                {"unavailable_rat":1,"down":true}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("unavailable_rat"));

        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"down\":", "{\"unavailable_rate\":\"often\"}", "[]"})
    void refuses_a_change_that_is_not_the_knobs_json_without_counting_an_invalid_payment(String body) {
        change(body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").exists();

        assertUnchanged();
        assertThat(bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody()
                .invalidRequests()).isZero();
    }

    private RestTestClient.ResponseSpec change(String knobs) {
        return bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body(knobs).exchange();
    }

    private void assertUnchanged() {
        bank.get().uri("/simulator/faults").exchange().expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }
}
