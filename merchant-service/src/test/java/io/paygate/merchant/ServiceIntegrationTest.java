package io.paygate.merchant;

import io.paygate.events.merchant.ApiKeyLookup;
import org.junit.jupiter.api.BeforeEach;
import io.paygate.testing.GatewaySigning;
import io.paygate.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service on a random port, against the MongoDB wire server of {@link TestInfrastructure}.
 * Every subclass shares this configuration, hence one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "paygate.admin.token=" + ServiceIntegrationTest.ADMIN_TOKEN,
        "paygate.admin.tokens=alice:" + ServiceIntegrationTest.ALICE_TOKEN_SHA256 + ",ops-bot:"
                + ServiceIntegrationTest.OPS_BOT_TOKEN_SHA256,
        "paygate.demo-merchant.api-key=" + ServiceIntegrationTest.DEMO_API_KEY})
public abstract class ServiceIntegrationTest {

    /** The plain token, named "local". */
    protected static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";
    /** Two named tokens, configured by their SHA-256 only. */
    protected static final String ALICE_TOKEN = "alice-admin-token-for-tests-0123";
    protected static final String ALICE_TOKEN_SHA256 = "608cebf91e0418d19c8827729afa95dace657a3be88eaace17a5aba2bf926f6e";
    protected static final String OPS_BOT_TOKEN = "ops-bot-admin-token-for-tests-01";
    protected static final String OPS_BOT_TOKEN_SHA256 = "df965fc4cfab0b0fe3f4c604ccb8a4b4d7fbe2d9eb677e994ece30324527e923";
    protected static final String DEMO_API_KEY = "sk_sbox_testdemokeytestdemokeytest=";

    protected static final String VALID_MERCHANT = """
            {"name": "Books & Co", "acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-42",
             "currencies": ["GBP", "EUR"]}
            """;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        GatewaySigning.register(registry);
    }

    @LocalServerPort
    private int port;

    /** Calls the service as the gateway does: every request signed. */
    protected RestTestClient client;

    protected int port() {
        return port;
    }

    @BeforeEach
    void signedClient() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .requestInterceptor(GatewaySigning.interceptor()).build();
    }

    protected RestTestClientResponse post(String path, String authorization, String json) {
        RestTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return RestTestClientResponse.from(request.body(json).exchange());
    }

    protected RestTestClientResponse get(String path, String authorization) {
        var request = client.get().uri(path);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return RestTestClientResponse.from(request.exchange());
    }

    protected RestTestClientResponse put(String path, String authorization, String json) {
        RestTestClient.RequestBodySpec request = client.put().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return RestTestClientResponse.from(request.body(json).exchange());
    }

    protected RestTestClientResponse delete(String path, String authorization) {
        var request = client.delete().uri(path);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return RestTestClientResponse.from(request.exchange());
    }

    protected RestTestClientResponse createMerchant(String json) {
        return post("/merchants", "Bearer " + ADMIN_TOKEN, json);
    }

    protected RestTestClientResponse issueApiKey(String merchantId) {
        return post("/merchants/" + merchantId + "/api-keys", "Bearer " + ADMIN_TOKEN, "");
    }

    protected RestTestClientResponse revokeApiKey(String merchantId, String keyId) {
        return delete("/merchants/" + merchantId + "/api-keys/" + keyId, "Bearer " + ADMIN_TOKEN);
    }

    /** The id of the merchant's first key, as the admin API shows it. */
    protected String firstKeyId(String merchantId) {
        return body(get("/merchants/" + merchantId, "Bearer " + ADMIN_TOKEN)).get("api_keys").get(0).get("id")
                .asString();
    }

    protected RestTestClientResponse lookUp(String apiKey) {
        return post(ApiKeyLookup.PATH, null, lookupBody(apiKey));
    }

    protected static JsonNode body(RestTestClientResponse response) {
        return JsonMapper.shared().readTree(response.getExchangeResult().getResponseBodyContent());
    }

    protected static String lookupBody(String apiKey) {
        return JsonMapper.shared().writeValueAsString(new ApiKeyLookup(apiKey));
    }
}
