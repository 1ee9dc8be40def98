package io.paygate.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.ssl.enabled=false")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class MerchantServiceDownTest {

    static final StubService paymentService = StubService.start(request -> new StubService.Reply(201, "{}"));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", paymentService::url);
        registry.add("paygate.gateway.merchant-service-url", () -> "http://127.0.0.1:" + portNobodyListensOn());
    }

    @AfterAll
    static void stopServices() {
        paymentService.close();
    }

    @Autowired
    WebTestClient gateway;

    @Test
    void answers_503_not_401_when_merchant_service_cannot_be_asked(CapturedOutput output) {
        String apiKey = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";

        gateway.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":1050}")
                .headers(headers -> headers.setBearerAuth(apiKey))
                .header("Cko-Request-Id", "req-merchant-service-down")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.request_id").isEqualTo("req-merchant-service-down")
                .jsonPath("$.error_type").isEqualTo("service_unavailable");

        assertThat(paymentService.received()).isEmpty();
        assertThat(output.getAll()).contains("req-merchant-service-down").doesNotContain(apiKey);
    }

    private static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
