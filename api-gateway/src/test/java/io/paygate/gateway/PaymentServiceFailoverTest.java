package io.paygate.gateway;

import io.paygate.events.merchant.MerchantContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two payment-service instances behind the gateway, one of which dies between two readiness checks (which run only
 * once a minute here, so the load balancer keeps choosing the dead one): requests it is chosen for are sent to the
 * live instance, whole, and nothing that reached an instance is sent twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=false",
        "spring.cloud.loadbalancer.health-check.interval=1m"})
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentServiceFailoverTest {

    private static final String API_KEY = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";

    static final StubService liveInstance = StubService.start(request -> request.body().contains("\"fail\"")
            ? new StubService.Reply(500, "{\"error_type\":\"internal\"}")
            : new StubService.Reply(201, "{\"id\":\"pay_live\"}"));
    static final StubService dyingInstance = StubService.start(request -> new StubService.Reply(201, "{\"id\":\"pay_dying\"}"));
    static final MerchantServiceStub merchantService = new MerchantServiceStub();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", () -> liveInstance.url() + "," + dyingInstance.url());
        registry.add("paygate.gateway.merchant-service-url", merchantService::url);
    }

    @AfterAll
    void stopServices() {
        liveInstance.close();
        merchantService.close();
    }

    @Autowired
    WebTestClient gateway;

    @BeforeAll
    void killOneInstanceAfterBothPassedTheirReadinessCheck() {
        merchantService.knows(API_KEY, new MerchantContract("mer_shop", "piggybank", "piggy-1", List.of("GBP")));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            // The first request makes the load balancer check both instances.
            gateway.get().uri("/payments/pay_warmup").headers(headers -> headers.setBearerAuth(API_KEY)).exchange();
            return liveInstance.readinessChecks() > 0 && dyingInstance.readinessChecks() > 0;
        });
        dyingInstance.close();
    }

    @BeforeEach
    void forgetRequests() {
        liveInstance.forgetRequests();
    }

    @Test
    void sends_every_payment_to_the_live_instance_with_its_body_when_the_other_refuses_connections() {
        IntStream.range(0, 6).forEach(i -> gateway.post().uri("/payments")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":" + (100 + i) + "}")
                .headers(headers -> headers.setBearerAuth(API_KEY))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.id").isEqualTo("pay_live"));

        assertThat(liveInstance.received("/payments")).extracting(StubService.Request::body)
                .containsExactly(IntStream.range(0, 6).mapToObj(i -> "{\"amount\":" + (100 + i) + "}").toArray(String[]::new));
    }

    @Test
    void does_not_retry_a_request_that_reached_an_instance() {
        for (int i = 0; i < 4; i++) {
            gateway.post().uri("/payments")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reference\":\"fail\"}")
                    .headers(headers -> headers.setBearerAuth(API_KEY))
                    .exchange()
                    .expectStatus().isEqualTo(500);
        }

        assertThat(liveInstance.received("/payments")).hasSize(4);
    }
}
