package io.paygate.gateway;

import io.paygate.events.merchant.MerchantContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A payment-service instance that passes its readiness checks but drops every request it is sent, as one does when
 * it crashes mid-request: the merchant gets a 502 in the API's error format, which tells it to retry with its key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.ssl.enabled=false")
@AutoConfigureWebTestClient
class UpstreamFailureTest {

    private static final String API_KEY = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";

    static final DroppingInstance paymentService = new DroppingInstance();
    static final MerchantServiceStub merchantService = new MerchantServiceStub()
            .knows(API_KEY, new MerchantContract("mer_shop", "piggybank", "piggy-1", List.of("GBP")));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", paymentService::url);
        registry.add("paygate.gateway.merchant-service-url", merchantService::url);
    }

    @AfterAll
    static void stopServices() {
        paymentService.close();
        merchantService.close();
    }

    @Autowired
    WebTestClient gateway;

    @Test
    void answers_502_in_the_error_format_when_the_instance_drops_the_request() {
        gateway.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":1050}")
                .headers(headers -> headers.setBearerAuth(API_KEY))
                .header("Cko-Request-Id", "req-dropped")
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.request_id").isEqualTo("req-dropped")
                .jsonPath("$.error_type").isEqualTo("bad_gateway")
                .jsonPath("$.error_codes[0]").isEqualTo("upstream_bad_gateway");
    }

    /** Answers readiness checks with 200 and closes the connection on anything else, before answering. */
    static final class DroppingInstance implements AutoCloseable {

        private final ServerSocket socket;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        DroppingInstance() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            executor.submit(this::acceptConnections);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void acceptConnections() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    executor.submit(() -> serve(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                var reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                String requestLine = reader.readLine();
                if (requestLine != null && requestLine.startsWith("GET /actuator/health/readiness ")) {
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 15\r\nConnection: close\r\n\r\n{\"status\":\"UP\"}").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // The gateway hung up first: nothing to drop.
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            executor.close();
        }
    }
}
