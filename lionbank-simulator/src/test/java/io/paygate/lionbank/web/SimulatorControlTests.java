package io.paygate.lionbank.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.lionbank.SimulatorControl;
import io.paygate.lionbank.SimulatorTest;

/** The knobs over HTTP: open to read, changed only with the control token, misspelt knobs refused. */
@SimulatorTest
class SimulatorControlTests {

    @Autowired
    RestTestClient bank;

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void restoreFaults() {
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
        client.close();
    }

    @Test
    void refuses_every_change_without_the_token_and_changes_nothing() throws Exception {
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/simulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"down\":true}")));
        HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(uri("/simulator/stats"))
                .header("Authorization", "Bearer not-" + SimulatorControl.TOKEN).DELETE());
        HttpResponse<String> deleteFaults = send(HttpRequest.newBuilder(uri("/simulator/faults")).DELETE());

        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(put.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(put.body()).contains("LIONBANK_CONTROL_TOKEN");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(deleteFaults.statusCode()).isEqualTo(401);
        bank.get().uri("/simulator/faults").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.down").isEqualTo(false);
    }

    @Test
    void anybody_reads_the_knobs_and_the_statistics() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/simulator/faults")).GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> stats = send(HttpRequest.newBuilder(uri("/simulator/stats")).GET());

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"approved_more_than_once\":", "\"reversals\":", "\"duplicates\":",
                "\"dropped\":", "\"closed_connections\":", "\"captured_total\":", "\"refunded_total\":",
                "\"voided\":", "\"completions\":", "\"refunds\":", "\"captured_more_than_authorized\":",
                "\"refunded_more_than_captured\":");
    }

    @Test
    void changes_only_the_knobs_named_and_restores_the_configured_ones() {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON)
                .body("{\"latency_fixed_ms\":50,\"drop_rate\":0.25}")
                .exchange().expectStatus().isOk()
                .expectBody().json("""
                        {"latency_fixed_ms":50,"latency_jitter_ms":0,"drop_rate":0.25,"close_rate":0.0,"down":false}""",
                        JsonCompareMode.STRICT);

        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk()
                .expectBody().json("""
                        {"latency_fixed_ms":0,"latency_jitter_ms":0,"drop_rate":0.0,"close_rate":0.0,"down":false}""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void refuses_a_misspelt_knob_and_a_rate_above_one() {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON)
                .body("{\"drop_rates\":1,\"close_rate\":2}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().json("""
                        {"error_message":"Unknown field(s): drop_rates; close_rate must be between 0 and 1"}""",
                        JsonCompareMode.STRICT);
        bank.get().uri("/simulator/faults").exchange().expectBody().jsonPath("$.close_rate").isEqualTo(0.0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
