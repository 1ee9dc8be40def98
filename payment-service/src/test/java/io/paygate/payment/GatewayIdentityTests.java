package io.paygate.payment;

import io.paygate.events.merchant.GatewaySignature;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.testing.GatewaySigning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only the gateway speaks for a merchant: a request that names a merchant in the {@link InternalHeaders} gets in only
 * with the gateway's signature over it, made moments ago. Everything else is refused before it is read further, and
 * stores and sends nothing.
 */
class GatewayIdentityTests extends ServiceIntegrationTest {

    private static final GatewaySignature GATEWAY = GatewaySignature.fromConfiguration(GatewaySigning.KEYS, "test");
    private static final String BODY = PaymentApi.cardPayment("4111111111111111", "123");

    @Autowired
    MongoTemplate mongo;
    @Value("${local.server.port}")
    int port;

    private RestTestClient unsigned;

    @BeforeAll
    void unsignedClient() {
        unsigned = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void refuses_a_request_that_names_a_merchant_without_the_gateways_signature() {
        String merchant = TestIsolation.merchantId();

        assertThat(post(api.merchant(merchant), BODY)).isEqualTo(401);
        assertNothingStoredOrSentFor(merchant);
    }

    @Test
    void refuses_a_signed_request_whose_body_or_merchant_was_changed_on_the_way() {
        String merchant = TestIsolation.merchantId();
        Consumer<HttpHeaders> signedForBody = signed(merchant, "POST", "/payments", BODY, Instant.now());

        assertThat(post(signedForBody, BODY.replace("1050", "9999"))).isEqualTo(401);
        assertThat(post(signedForBody.andThen(headers -> headers.set(InternalHeaders.MERCHANT_ID, "mer_other")), BODY))
                .isEqualTo(401);
        assertThat(post(signedForBody.andThen(headers -> headers.set(InternalHeaders.CURRENCIES, "GBP,USD")), BODY))
                .isEqualTo(401);
        assertNothingStoredOrSentFor(merchant);
    }

    @Test
    void refuses_a_signed_request_replayed_after_the_window_or_signed_with_another_key() {
        String merchant = TestIsolation.merchantId();
        GatewaySignature otherKey = GatewaySignature.fromConfiguration("test:" + Base64.getEncoder()
                .encodeToString("another-gateway-signing-key-32by".getBytes(StandardCharsets.US_ASCII)), "test");

        assertThat(post(signed(merchant, "POST", "/payments", BODY, Instant.now().minus(Duration.ofSeconds(31))), BODY))
                .isEqualTo(401);
        assertThat(post(api.merchant(merchant).andThen(headers -> otherKey.sign("POST", "/payments", headers::getFirst,
                GatewaySignature.digest(bytes(BODY)), Instant.now()).forEach(headers::set)), BODY)).isEqualTo(401);
        assertNothingStoredOrSentFor(merchant);
    }

    @Test
    void takes_the_same_request_when_the_gateway_signed_it() {
        String merchant = TestIsolation.merchantId();

        assertThat(post(signed(merchant, "POST", "/payments", BODY, Instant.now()), BODY)).isEqualTo(201);
    }

    @Test
    void answers_health_checks_without_a_signature_and_nothing_else() {
        assertThat(unsigned.get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
                .getStatus().value()).isEqualTo(200);
        assertThat(unsigned.get().uri("/actuator/info").exchange().returnResult(String.class)
                .getStatus().value()).isEqualTo(401);
        assertThat(unsigned.get().uri("/v3/api-docs").exchange().returnResult(String.class)
                .getStatus().value()).isEqualTo(401);
    }

    private Consumer<HttpHeaders> signed(String merchant, String method, String path, String body, Instant at) {
        return api.merchant(merchant).andThen(headers -> GATEWAY.sign(method, path, headers::getFirst,
                GatewaySignature.digest(bytes(body)), at).forEach(headers::set));
    }

    private int post(Consumer<HttpHeaders> headers, String body) {
        return unsigned.post().uri("/payments").headers(headers).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().returnResult(String.class).getStatus().value();
    }

    private void assertNothingStoredOrSentFor(String merchant) {
        assertThat(mongo.getCollection("payments").countDocuments(eq("merchantId", merchant))).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> acquirer.commandsOf(merchant).isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
