package io.paygate.piggybank.behaviour;

import static io.paygate.piggybank.PaymentRequests.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"piggybank.latency.fixed=300ms", "piggybank.latency.jitter=100ms"})
@AutoConfigureRestTestClient
class SimulatedLatencyTests {

    @Autowired
    RestTestClient bank;

    @Test
    void answers_an_authorisation_no_sooner_than_the_fixed_latency() {
        long started = System.nanoTime();

        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment("2222405343248877"))
                .exchange()
                .expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
