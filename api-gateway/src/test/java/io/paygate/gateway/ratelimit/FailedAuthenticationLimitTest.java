package io.paygate.gateway.ratelimit;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.MerchantServiceStub;
import io.paygate.gateway.StubService;
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

    private static final String GOOD_KEY = "sk_sbox_goodgoodgoodgoodgoodgoodgoo";

    static final StubService paymentService = StubService.start(request -> new StubService.Reply(201, "{}"));
    static final MerchantServiceStub merchantService = new MerchantServiceStub()
            .knows(GOOD_KEY, new MerchantContract("mer_good", "piggybank", null, List.of("GBP")));

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
    void answers_429_with_retry_after_once_an_address_has_spent_its_failures_on_keys_or_admin_tokens() {
        for (String guess : List.of("sk_sbox_guess1", "sk_sbox_guess2")) {
            gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(guess))
                    .exchange().expectStatus().isUnauthorized();
        }
        gateway.get().uri("/merchants").headers(headers -> headers.setBearerAuth("admin-guess1"))
                .exchange().expectStatus().isUnauthorized();
        merchantService.forgetRequests();

        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth("sk_sbox_guess4"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1200")
                .expectBody().jsonPath("$.error_type").isEqualTo("too_many_requests")
                .jsonPath("$.error_codes[0]").isEqualTo("too_many_failed_authentications")
                .jsonPath("$.request_id").isNotEmpty();
        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(GOOD_KEY))
                .exchange().expectStatus().isEqualTo(429);
        gateway.get().uri("/merchants").headers(headers -> headers.setBearerAuth("admin-guess"))
                .exchange().expectStatus().isEqualTo(429);

        assertThat(merchantService.lookUps()).isEmpty();
        assertThat(merchantService.adminRequests()).isEmpty();
        assertThat(paymentService.received()).isEmpty();
    }
}
