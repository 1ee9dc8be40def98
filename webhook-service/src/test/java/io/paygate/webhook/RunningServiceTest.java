package io.paygate.webhook;

import io.paygate.events.merchant.InternalHeaders;
import io.paygate.testing.GatewaySigning;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service on a random port, called as the gateway calls it: every request signed, the merchant in
 * {@link InternalHeaders#MERCHANT_ID}. A subclass says where the service runs ({@code @SpringBootTest}) and on which
 * infrastructure ({@code @DynamicPropertySource}): {@link ServiceIntegrationTest} for the shared context, or a
 * configuration of its own, in one place, since Spring takes a property registered twice from the superclass.
 */
public abstract class RunningServiceTest {

    /** The tests' own key: it protects nothing. */
    public static final String SECRET_KEYS = "test:dGVzdC13ZWJob29rLXNlY3JldC1rZXktMzItYnl0ZXM=";

    /** An endpoint at a public IP literal, so that no test asks DNS. */
    protected static final String VALID_WEBHOOK = """
            {"url": "https://93.184.216.34/paygate/events", "headers": {"Authorization": "Bearer shop-token"},
             "event_types": ["payment_approved", "payment_captured"]}
            """;

    @LocalServerPort
    private int port;

    /** Signs every request as the gateway does. */
    protected RestTestClient client;

    /** A merchant of its own for each test, so that no test sees another's endpoints. */
    protected String merchant;

    protected int port() {
        return port;
    }

    @BeforeEach
    void signedClient() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .requestInterceptor(GatewaySigning.interceptor()).build();
        merchant = newMerchantId();
    }

    protected static String newMerchantId() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "mer_test" + HexFormat.of().formatHex(random);
    }

    protected RestTestClientResponse post(String merchantId, String path, String json) {
        var request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (merchantId != null) {
            request.header(InternalHeaders.MERCHANT_ID, merchantId);
        }
        return RestTestClientResponse.from(request.body(json).exchange());
    }

    protected RestTestClientResponse put(String merchantId, String path, String json) {
        var request = client.put().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (merchantId != null) {
            request.header(InternalHeaders.MERCHANT_ID, merchantId);
        }
        return RestTestClientResponse.from(request.body(json).exchange());
    }

    protected RestTestClientResponse patch(String merchantId, String path, String json) {
        var request = client.patch().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (merchantId != null) {
            request.header(InternalHeaders.MERCHANT_ID, merchantId);
        }
        return RestTestClientResponse.from(request.body(json).exchange());
    }

    protected RestTestClientResponse get(String merchantId, String path) {
        var request = client.get().uri(path);
        if (merchantId != null) {
            request.header(InternalHeaders.MERCHANT_ID, merchantId);
        }
        return RestTestClientResponse.from(request.exchange());
    }

    protected RestTestClientResponse delete(String merchantId, String path) {
        var request = client.delete().uri(path);
        if (merchantId != null) {
            request.header(InternalHeaders.MERCHANT_ID, merchantId);
        }
        return RestTestClientResponse.from(request.exchange());
    }

    /** Registers {@link #VALID_WEBHOOK} for the test's merchant; the answer, secret included. */
    protected JsonNode createWebhook() {
        RestTestClientResponse response = post(merchant, "/webhooks", VALID_WEBHOOK);
        assertThat(response).hasStatus(201);
        return body(response);
    }

    protected static JsonNode body(RestTestClientResponse response) {
        return JsonMapper.shared().readTree(response.getExchangeResult().getResponseBodyContent());
    }

    protected static String text(RestTestClientResponse response) {
        byte[] content = response.getExchangeResult().getResponseBodyContent();
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }
}
