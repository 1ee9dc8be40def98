package io.paygate.lionbank.iso;

import static io.paygate.lionbank.iso.IsoRequests.*;
import static io.paygate.lionbank.iso.LionbankMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.solab.iso8583.IsoMessage;

import io.paygate.lionbank.SimulatorTest;
import io.paygate.lionbank.store.LedgerStats;

/** What each knob of {@code /simulator/faults} does to the ISO 8583 host, over real TCP. */
@SimulatorTest
class FaultKnobTests {

    @Autowired
    RestTestClient bank;

    @Autowired
    IsoServer server;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @AfterEach
    void restoreFaults() {
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
    }

    @Test
    void waits_the_fixed_latency_before_answering_but_not_before_an_echo() throws IOException {
        setFaults("{\"latency_fixed_ms\":800}");
        try (IsoClient acquirer = new IsoClient(server.port())) {
            long started = System.nanoTime();
            acquirer.exchange(authorization(1000));
            Duration authorization = Duration.ofNanos(System.nanoTime() - started);

            started = System.nanoTime();
            acquirer.exchange(echo());
            Duration echo = Duration.ofNanos(System.nanoTime() - started);

            assertThat(authorization).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(echo).isLessThan(Duration.ofMillis(800));
        }
    }

    @Test
    void drops_requests_at_a_drop_rate_of_one_without_deciding_them() throws IOException {
        setFaults("{\"drop_rate\":1}");
        try (IsoClient acquirer = new IsoClient(server.port())) {
            IsoMessage dropped = authorization(1000);
            acquirer.send(dropped);
            acquirer.send(reversalOf(authorization(2000), false));

            assertThat(acquirer.exchange(echo()).getType()).as("the connection still works").isEqualTo(NETWORK_MANAGEMENT_RESPONSE);
            assertThat(acquirer.answerWithin(Duration.ofMillis(300))).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> stats().dropped() == 2);

            setFaults("{\"drop_rate\":0}");
            IsoMessage retry = acquirer.exchange(dropped);
            assertThat(text(retry, RESPONSE_CODE)).isEqualTo("00");
            assertThat(stats()).satisfies(stats -> {
                assertThat(stats.approvals()).isEqualTo(1);
                assertThat(stats.duplicates()).isZero();
                assertThat(stats.reversalRequests()).isZero();
            });
        }
    }

    @Test
    void drops_completions_and_refunds_at_a_drop_rate_of_one_without_deciding_them() throws IOException {
        try (IsoClient acquirer = new IsoClient(server.port())) {
            IsoMessage original = authorization(1000);
            acquirer.exchange(original);
            IsoMessage captured = completionOf(original, 600, false);
            acquirer.exchange(captured);
            setFaults("{\"drop_rate\":1}");
            IsoMessage completion = completionOf(original, 400, true);
            IsoMessage refund = refundOf(original, 600);

            acquirer.send(completion);
            acquirer.send(refund);

            assertThat(acquirer.exchange(echo()).getType()).isEqualTo(NETWORK_MANAGEMENT_RESPONSE);
            assertThat(acquirer.answerWithin(Duration.ofMillis(300))).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> stats().dropped() == 2);
            assertThat(stats().capturedTotal()).isEqualTo(600);
            assertThat(stats().refundedTotal()).isZero();

            setFaults("{\"drop_rate\":0}");
            assertThat(text(acquirer.exchange(completion), RESPONSE_CODE)).isEqualTo("00");
            assertThat(text(acquirer.exchange(refund), RESPONSE_CODE)).isEqualTo("00");
            assertThat(stats()).satisfies(stats -> {
                assertThat(stats.capturedTotal()).isEqualTo(1000);
                assertThat(stats.refundedTotal()).isEqualTo(600);
                assertThat(stats.duplicates()).isZero();
            });
        }
    }

    @Test
    void waits_the_latency_and_closes_at_the_close_rate_for_completions_too() throws Exception {
        try (IsoClient acquirer = new IsoClient(server.port())) {
            IsoMessage original = authorization(1000);
            acquirer.exchange(original);
            setFaults("{\"latency_fixed_ms\":500}");

            long started = System.nanoTime();
            acquirer.exchange(completionOf(original, 100, false));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            setFaults("{\"latency_fixed_ms\":0,\"close_rate\":1}");
            acquirer.send(completionOf(original, 100, false));
            assertThat(acquirer.closedByHostWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(stats().closedConnections()).isEqualTo(1);
        assertThat(stats().capturedTotal()).isEqualTo(100);
    }

    @Test
    void drops_about_as_often_as_the_rate_says() throws IOException {
        setFaults("{\"drop_rate\":0.5}");
        try (IsoClient acquirer = new IsoClient(server.port())) {
            for (int i = 0; i < 200; i++) {
                acquirer.send(authorization(1000));
            }

            // 200 fair coin tosses: outside 60..140 has a probability of about 1e-8.
            await().atMost(Duration.ofSeconds(10)).until(() -> stats().dropped() + stats().approvals() == 200);
            assertThat(stats().dropped()).isBetween(60L, 140L);
        }
    }

    @Test
    void closes_the_connection_after_reading_a_request_at_a_close_rate_of_one() throws Exception {
        setFaults("{\"close_rate\":1}");
        try (IsoClient acquirer = new IsoClient(server.port())) {
            acquirer.send(authorization(1000));

            assertThat(acquirer.closedByHostWithin(Duration.ofSeconds(5))).isTrue();
            assertThat(acquirer.answerWithin(Duration.ZERO)).isEmpty();
        }
        assertThat(stats().closedConnections()).isEqualTo(1);
        assertThat(stats().authorizationRequests()).isZero();

        setFaults("{\"close_rate\":0}");
        try (IsoClient reconnected = new IsoClient(server.port())) {
            assertThat(text(reconnected.exchange(authorization(1000)), RESPONSE_CODE)).isEqualTo("00");
        }
    }

    @Test
    void keeps_the_connection_when_only_echoes_are_sent_at_a_close_rate_of_one() throws Exception {
        setFaults("{\"close_rate\":1}");
        try (IsoClient acquirer = new IsoClient(server.port())) {
            assertThat(text(acquirer.exchange(echo()), RESPONSE_CODE)).isEqualTo("00");
            assertThat(acquirer.closedByHostWithin(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void refuses_connections_and_closes_open_ones_while_down_then_comes_back_on_the_same_port() throws Exception {
        int port = server.port();
        try (IsoClient acquirer = new IsoClient(port)) {
            acquirer.exchange(echo());

            setFaults("{\"down\":true}");

            assertThat(acquirer.closedByHostWithin(Duration.ofSeconds(5))).isTrue();
            assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new IsoClient(port));
        }

        setFaults("{\"down\":false}");

        assertThat(server.port()).isEqualTo(port);
        try (IsoClient reconnected = new IsoClient(port)) {
            assertThat(text(reconnected.exchange(authorization(1000)), RESPONSE_CODE)).isEqualTo("00");
        }
    }

    private void setFaults(String json) {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange().expectStatus().isOk();
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().expectStatus().isOk()
                .expectBody(LedgerStats.class).returnResult().getResponseBody();
    }
}
