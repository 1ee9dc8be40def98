package io.paygate.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** No client can make the gateway hold a connection or buffer a header by sending too much or too slowly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=false", "paygate.gateway.limits.header-timeout=1s", "paygate.gateway.limits.read-timeout=1s",
        "paygate.gateway.limits.request-timeout=2s"})
@AutoConfigureWebTestClient
class ConnectionLimitsTest {

    private static final String API_KEY = StubbedServices.API_KEY;

    static final StubbedServices services = new StubbedServices();

    @DynamicPropertySource
    static void stubbedServices(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    @Autowired
    WebTestClient gateway;

    @LocalServerPort
    int port;

    @Test
    void answers_431_to_headers_above_16_kb() {
        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(API_KEY))
                .header("X-Padding", "x".repeat(17 * 1024))
                .exchange()
                .expectStatus().isEqualTo(431);

        assertThat(services.paymentService.received()).isEmpty();
    }

    @Test
    void closes_a_connection_whose_body_trickles_in() throws IOException {
        assertClosedWithin5Seconds("POST /payments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + API_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"amount\"");
        assertThat(services.paymentService.received()).isEmpty();
    }

    @Test
    void closes_a_connection_whose_headers_trickle_in() throws IOException {
        assertClosedWithin5Seconds("GET /payments/pay_1 HTTP/1.1\r\nHost: localhost\r\nX-Slow: a");
        assertThat(services.paymentService.received()).isEmpty();
    }

    @Test
    void keeps_serving_a_keep_alive_connection_that_idled_longer_than_the_header_deadline() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(askOver(client, in, "/readyz")).isEqualTo("HTTP/1.1 200 OK");
            Thread.sleep(1_500);
            assertThat(askOver(client, in, "/readyz")).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void answers_a_request_sent_as_soon_as_the_previous_answer_arrived() throws Exception {
        // The health probe completes its answer off the event loop: the next request may arrive before the server has
        // finished with the previous one, which reactor-netty 1.3.6 to 1.3.8 could then leave unanswered.
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));

            for (int i = 0; i < 1_000; i++) {
                assertThat(askOver(client, in, "/livez")).isEqualTo("HTTP/1.1 200 OK");
                assertThat(askOver(client, in, "/nothing")).as("request %d", i).isEqualTo("HTTP/1.1 404 Not Found");
            }
        }
    }

    /** Asks for a path on an open connection and reads the whole answer; returns its status line. */
    private static String askOver(Socket client, BufferedReader in, String path) throws IOException {
        client.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String status = in.readLine();
        int length = 0;
        for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        in.skip(length);
        return status;
    }

    /** Sends the start of a request and no more: the gateway must give up on it well before a patient client would. */
    private void assertClosedWithin5Seconds(String partialRequest) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            long started = System.nanoTime();
            InputStream in = client.getInputStream();
            while (in.read() >= 0) {
                // whatever the gateway answers before it closes the connection
            }
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        }
    }
}
