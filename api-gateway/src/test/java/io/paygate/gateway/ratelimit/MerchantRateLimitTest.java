package io.paygate.gateway.ratelimit;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.StubbedServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
 * A merchant that sends more requests in a second than its contract allows (or, without a limit of its own, the
 * gateway's default) gets 429 with Retry-After for the excess, which reaches no service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=false", "paygate.gateway.rate-limit.requests-per-second=2"})
@AutoConfigureWebTestClient
class MerchantRateLimitTest {

    private static final String ONE_PER_SECOND_KEY = "sk_sbox_onepersecondonepersecondonep";
    private static final String ONE_PER_SECOND_OTHER_KEY = "sk_sbox_onepersecondotherkeyonepers";
    private static final String DEFAULT_LIMIT_KEY = "sk_sbox_defaultlimitdefaultlimitdefa";

    static final StubbedServices services = new StubbedServices();

    static {
        MerchantContract onePerSecond = new MerchantContract("mer_onepersecond", "piggybank", null, List.of("GBP"), 1, List.of());
        services.merchantService.knows(ONE_PER_SECOND_KEY, onePerSecond)
                .knows(ONE_PER_SECOND_OTHER_KEY, onePerSecond)
                .knows(DEFAULT_LIMIT_KEY, new MerchantContract("mer_defaultlimit", "piggybank", null, List.of("GBP")));
    }

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

    @BeforeEach
    void warmUpAndForget() {
        // The first requests of a fresh gateway take long enough to earn a request back; the limits' tests need
        // their requests within the second.
        for (int i = 0; i < 3; i++) {
            gateway.get().uri("/payments/pay_warm").headers(headers -> headers.setBearerAuth(StubbedServices.API_KEY))
                    .exchange();
        }
        services.paymentService.forgetRequests();
    }

    @Test
    void answers_429_with_retry_after_past_the_contracts_limit_for_every_key_of_the_merchant() {
        get("/payments/pay_1", ONE_PER_SECOND_KEY).expectStatus().isCreated();

        for (String apiKey : List.of(ONE_PER_SECOND_KEY, ONE_PER_SECOND_OTHER_KEY)) {
            get("/payments/pay_2", apiKey)
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.error_type").isEqualTo("too_many_requests")
                    .jsonPath("$.error_codes[0]").isEqualTo("rate_limit_exceeded")
                    .jsonPath("$.request_id").isNotEmpty();
        }

        assertThat(services.paymentService.received("/payments/pay_1")).hasSize(1);
        assertThat(services.paymentService.received("/payments/pay_2")).isEmpty();
    }

    @Test
    void applies_the_default_limit_to_a_merchant_whose_contract_sets_none() {
        get("/payments/pay_1", DEFAULT_LIMIT_KEY).expectStatus().isCreated();
        get("/payments/pay_2", DEFAULT_LIMIT_KEY).expectStatus().isCreated();
        get("/payments/pay_3", DEFAULT_LIMIT_KEY).expectStatus().isEqualTo(429);

        assertThat(services.paymentService.received()).hasSize(2);
        assertThat(services.paymentService.received("/payments/pay_3")).isEmpty();
    }

    private WebTestClient.ResponseSpec get(String path, String apiKey) {
        return gateway.get().uri(path).headers(headers -> headers.setBearerAuth(apiKey)).exchange();
    }
}
