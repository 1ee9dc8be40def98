package io.paygate.gateway.ratelimit;

import io.paygate.gateway.StubbedServices;
import io.paygate.gateway.admin.AdminListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client address that keeps failing to authenticate, with API keys or admin tokens, is refused with 429 until it
 * has earned a failure back; its requests then reach no service, and merchant-service is not asked about its keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=false", "paygate.gateway.failed-authentications.limit=3",
        "paygate.gateway.failed-authentications.period=1h"})
@AutoConfigureWebTestClient
class FailedAuthenticationLimitTest {

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

    @Autowired
    AdminListener adminListener;

    @Test
    void answers_429_with_retry_after_once_an_address_has_spent_its_failures_on_keys_or_admin_tokens() {
        for (String guess : List.of("sk_sbox_guess1", "sk_sbox_guess2")) {
            gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(guess))
                    .exchange().expectStatus().isUnauthorized();
        }
        admin().get().uri("/merchants").headers(headers -> headers.setBearerAuth("admin-guess1"))
                .exchange().expectStatus().isUnauthorized();
        services.merchantService.forgetRequests();

        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth("sk_sbox_guess4"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1200")
                .expectBody().jsonPath("$.error_type").isEqualTo("too_many_requests")
                .jsonPath("$.error_codes[0]").isEqualTo("too_many_failed_authentications")
                .jsonPath("$.request_id").isNotEmpty();
        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(StubbedServices.API_KEY))
                .exchange().expectStatus().isEqualTo(429);
        admin().get().uri("/merchants").headers(headers -> headers.setBearerAuth("admin-guess"))
                .exchange().expectStatus().isEqualTo(429);

        assertThat(services.merchantService.lookUps()).isEmpty();
        assertThat(services.merchantService.adminRequests()).isEmpty();
        assertThat(services.paymentService.received()).isEmpty();
    }

    /** The admin listener, where admin tokens are presented; the same client address as on the public one. */
    private WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + adminListener.port()).build();
    }
}
