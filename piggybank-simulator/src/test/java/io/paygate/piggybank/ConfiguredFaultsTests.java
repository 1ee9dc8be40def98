package io.paygate.piggybank;

import static io.paygate.piggybank.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The knobs set by the environment variables that application.yml maps, as an operator would set them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "PIGGYBANK_LATENCY_FIXED=300ms", "PIGGYBANK_LATENCY_JITTER=100ms", "PIGGYBANK_UNAVAILABLE_RATE=1",
        "PIGGYBANK_HANG_RATE=1", "PIGGYBANK_HANG_FOR=1500ms", "PIGGYBANK_DOWN=true", SimulatorControl.PROPERTY})
@AutoConfigureRestTestClient
@Import(SimulatorControl.class)
class ConfiguredFaultsTests {

    private static final String CONFIGURED = """
            {"latency_fixed_ms":300,"latency_jitter_ms":100,"unavailable_rate":1.0,"hang_rate":1.0,"hang_for_ms":1500,
             "down":true}""";

    @Autowired
    RestTestClient bank;

    @AfterEach
    void restoreFaults() {
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
    }

    @Test
    void starts_with_the_knobs_of_the_environment() {
        bank.get().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);
    }

    @Test
    void is_down_from_the_start_when_configured_down() {
        authorize().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error_message").isEqualTo("The bank is down");
    }

    @Test
    void keeps_the_configured_latency_and_rate_through_a_partial_change() {
        setFaults("{\"down\":false,\"hang_rate\":0}");
        long started = System.nanoTime();

        authorize().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error_message").isEqualTo("The issuer is unavailable");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void restores_the_configured_knobs_rather_than_none() {
        setFaults("""
                {"down":false,"hang_rate":0,"unavailable_rate":0,"latency_fixed_ms":0,"latency_jitter_ms":0}""");
        authorize().expectStatus().isOk();

        bank.delete().uri("/simulator/faults").exchange()
                .expectStatus().isOk()
                .expectBody().json(CONFIGURED, JsonCompareMode.STRICT);

        authorize().expectStatus().isEqualTo(503);
    }

    private void setFaults(String knobs) {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body(knobs)
                .exchange()
                .expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec authorize() {
        return bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment("2222405343248877"))
                .exchange();
    }
}
