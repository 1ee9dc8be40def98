package io.paygate.merchant.admin;

import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.merchant.Merchant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class MerchantAdminApiTest extends ServiceIntegrationTest {

    private static final String API_KEY_SHAPE = "sk_sbox_[a-z2-7]{26}[a-z2-7*#$=]";
    private static final String NEW_CONTRACT = """
            {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-43", "currencies": ["USD"]}
            """;

    @Autowired
    MongoTemplate mongo;

    @Test
    void creates_a_merchant_and_answers_its_first_api_key_once() {
        RestTestClientResponse response = createMerchant(VALID_MERCHANT);

        assertThat(response).hasStatus(201);
        JsonNode created = body(response);
        String id = created.get("id").asString();
        assertThat(id).matches("mer_[a-z2-7]{26}");
        assertThat(response).hasHeader("Location", "/merchants/" + id);
        assertThat(created.get("name").asString()).isEqualTo("Books & Co");
        assertThat(created.get("acquirer").asString()).isEqualTo("piggybank");
        assertThat(created.get("acquirer_merchant_id").asString()).isEqualTo("piggy-books-42");
        assertThat(created.get("currencies").values()).extracting(JsonNode::asString).containsExactly("GBP", "EUR");
        assertThat(Instant.parse(created.get("created_on").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.get("api_key").asString()).matches(API_KEY_SHAPE);
        assertThat(created.propertyNames()).containsExactlyInAnyOrder(
                "id", "name", "acquirer", "acquirer_merchant_id", "currencies", "routing", "created_on", "api_key");
        assertThat(created.get("routing").isArray()).isTrue();
        assertThat(created.get("routing").isEmpty()).as("no routing rules: an empty array").isTrue();
    }

    @Test
    void shows_a_merchant_with_its_keys_by_prefix_only() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String id = created.get("id").asString();
        String apiKey = created.get("api_key").asString();

        RestTestClientResponse response = get("/merchants/" + id, "Bearer " + ADMIN_TOKEN);

        assertThat(response).hasStatusOk();
        JsonNode merchant = body(response);
        assertThat(merchant.get("id").asString()).isEqualTo(id);
        assertThat(merchant.get("name").asString()).isEqualTo("Books & Co");
        assertThat(merchant.get("acquirer").asString()).isEqualTo("piggybank");
        assertThat(merchant.get("acquirer_merchant_id").asString()).isEqualTo("piggy-books-42");
        assertThat(merchant.get("currencies").values()).extracting(JsonNode::asString).containsExactly("GBP", "EUR");
        assertThat(merchant.get("created_on").asString()).isEqualTo(created.get("created_on").asString());
        JsonNode key = merchant.get("api_keys").get(0);
        assertThat(merchant.get("api_keys").size()).isOne();
        assertThat(key.get("id").asString()).matches("key_[a-z2-7]{26}");
        assertThat(key.get("prefix").asString()).isEqualTo(apiKey.substring(0, "sk_sbox_".length() + 4));
        assertThat(key.get("created_on").asString()).isEqualTo(created.get("created_on").asString());
        assertThat(key.has("revoked_on")).isFalse();
        assertThat(response.getExchangeResult().getResponseBodyContent()).asString()
                .doesNotContain(apiKey).doesNotContain(apiKey.substring("sk_sbox_".length()));
    }

    @Test
    void answers_404_for_a_merchant_that_does_not_exist() {
        assertThat(get("/merchants/mer_aaaaaaaaaaaaaaaaaaaaaaaaaa", "Bearer " + ADMIN_TOKEN)).hasStatus(404);
        assertThat(get("/merchants/not-a-merchant-id", "Bearer " + ADMIN_TOKEN)).hasStatus(404);
    }

    @Test
    void lists_every_invalid_field_at_once() {
        RestTestClientResponse response = createMerchant("""
                {"name": " ", "acquirer": "moneybags", "currencies": ["GBP", "XYZ"]}
                """);

        assertThat(response).hasStatus(422);
        JsonNode error = body(response);
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(error.get("error_type").asString()).isEqualTo("request_invalid");
        assertThat(error.get("error_codes").values()).extracting(JsonNode::asString).containsExactly(
                "name_required", "acquirer_not_supported", "acquirer_merchant_id_required", "currency_invalid");
    }

    @Test
    void requires_every_field_of_an_empty_request() {
        RestTestClientResponse response = createMerchant("{}");

        assertThat(response).hasStatus(422);
        assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString).containsExactly(
                "name_required", "acquirer_required", "acquirer_merchant_id_required", "currencies_required");
    }

    @Test
    void refuses_a_name_longer_than_100_characters() {
        String json = VALID_MERCHANT.replace("Books & Co", "n".repeat(101));

        RestTestClientResponse response = createMerchant(json);

        assertThat(response).hasStatus(422);
        assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString)
                .containsExactly("name_too_long");
    }

    @Test
    void answers_400_for_a_body_that_is_not_json() {
        RestTestClientResponse response = createMerchant("{\"name\": ");

        assertThat(response).hasStatus(400);
        JsonNode error = body(response);
        assertThat(error.get("error_type").asString()).isEqualTo("request_malformed");
        assertThat(error.get("error_codes").isEmpty()).isTrue();
        assertThat(error.get("request_id").asString()).isNotBlank();
    }

    @Test
    void names_an_error_with_the_request_id_the_gateway_gave() {
        var response = client.post().uri("/merchants")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Request-Id", "req_gateway-123")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange();

        assertThat(body(RestTestClientResponse.from(response)).get("request_id").asString())
                .isEqualTo("req_gateway-123");
    }

    @Test
    void refuses_every_admin_route_without_the_admin_token() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantApiKey = created.get("api_key").asString();
        String merchant = "/merchants/" + created.get("id").asString();
        String keyId = firstKeyId(created.get("id").asString());

        for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + merchantApiKey,
                "Basic " + ADMIN_TOKEN, "Bearer", ADMIN_TOKEN}) {
            assertUnauthorized(post("/merchants", authorization, VALID_MERCHANT));
            assertUnauthorized(get("/merchants", authorization));
            assertUnauthorized(get("/merchants?limit=5&skip=0", authorization));
            assertUnauthorized(get(merchant, authorization));
            assertUnauthorized(put(merchant + "/contract", authorization, NEW_CONTRACT));
            assertUnauthorized(post(merchant + "/api-keys", authorization, ""));
            assertUnauthorized(delete(merchant + "/api-keys/" + keyId, authorization));
            assertUnauthorized(get("/merchants/mer_aaaaaaaaaaaaaaaaaaaaaaaaaa", authorization));
            assertUnauthorized(get(merchant + "/unmapped", authorization));
        }

        JsonNode unchanged = body(get(merchant, "Bearer " + ADMIN_TOKEN));
        assertThat(unchanged.get("acquirer_merchant_id").asString()).isEqualTo("piggy-books-42");
        assertThat(unchanged.get("api_keys").size()).isOne();
        assertThat(lookUp(merchantApiKey)).hasStatusOk();
    }

    @Test
    void changes_the_acquirer_contract() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "piggybank", "acquirer_merchant_id": " piggy-books-77 ",
                 "currencies": ["USD", "JPY", "USD"]}
                """);

        assertThat(response).hasStatusOk();
        JsonNode merchant = body(response);
        assertThat(merchant.get("id").asString()).isEqualTo(id);
        assertThat(merchant.get("name").asString()).isEqualTo("Books & Co");
        assertThat(merchant.get("acquirer").asString()).isEqualTo("piggybank");
        assertThat(merchant.get("acquirer_merchant_id").asString()).isEqualTo("piggy-books-77");
        assertThat(merchant.get("currencies").values()).extracting(JsonNode::asString).containsExactly("USD", "JPY");
        assertThat(merchant.get("api_keys").size()).isOne();
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN))).isEqualTo(merchant);
    }

    @Test
    void refuses_an_invalid_contract_listing_every_error_and_keeps_the_old_one() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "moneybags", "acquirer_merchant_id": "%s", "currencies": ["GBP", "gbp"]}
                """.formatted("p".repeat(101)));

        assertThat(response).hasStatus(422);
        JsonNode error = body(response);
        assertThat(error.get("error_type").asString()).isEqualTo("request_invalid");
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(error.get("error_codes").values()).extracting(JsonNode::asString).containsExactly(
                "acquirer_not_supported", "acquirer_merchant_id_too_long", "currency_invalid");
        assertThat(body(put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, "{}"))
                .get("error_codes").values()).extracting(JsonNode::asString).containsExactly(
                "acquirer_required", "acquirer_merchant_id_required", "currencies_required");
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN)).get("acquirer_merchant_id").asString())
                .isEqualTo("piggy-books-42");
    }

    @Test
    void stores_and_shows_a_merchants_own_rate_limit_and_drops_it_when_a_contract_sets_none() {
        JsonNode created = body(createMerchant(VALID_MERCHANT.replace("\"currencies\"",
                "\"requests_per_second\": 25, \"currencies\"")));
        String id = created.get("id").asString();

        assertThat(created.get("requests_per_second").asInt()).isEqualTo(25);
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN)).get("requests_per_second").asInt())
                .isEqualTo(25);
        JsonNode changed = body(put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-42", "currencies": ["GBP"],
                 "requests_per_second": 1000000}
                """));
        assertThat(changed.get("requests_per_second").asInt()).isEqualTo(1_000_000);
        JsonNode byDefault = body(put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, NEW_CONTRACT));
        assertThat(byDefault.has("requests_per_second")).as("the gateway's default applies").isFalse();
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN)).has("requests_per_second")).isFalse();
    }

    @Test
    void refuses_a_rate_limit_that_is_not_a_whole_number_from_1_to_a_million_and_changes_nothing() {
        String id = body(createMerchant(VALID_MERCHANT.replace("\"currencies\"",
                "\"requests_per_second\": 25, \"currencies\""))).get("id").asString();
        long merchantsBefore = mongo.getCollection(Merchant.COLLECTION).countDocuments();

        for (String invalid : new String[] {"0", "-1", "1000001", "2.5", "1e3", "\"25\"", "true", "[25]", "{}"}) {
            RestTestClientResponse onChange = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                    {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-43", "currencies": ["USD"],
                     "requests_per_second": %s}
                    """.formatted(invalid));
            RestTestClientResponse onCreation = createMerchant(VALID_MERCHANT.replace("\"currencies\"",
                    "\"requests_per_second\": " + invalid + ", \"currencies\""));

            for (RestTestClientResponse response : List.of(onChange, onCreation)) {
                assertThat(response).as(invalid).hasStatus(422);
                assertThat(body(response).get("error_type").asString()).isEqualTo("request_invalid");
                assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString)
                        .as(invalid).containsExactly("requests_per_second_invalid");
            }
        }

        JsonNode unchanged = body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN));
        assertThat(unchanged.get("requests_per_second").asInt()).isEqualTo(25);
        assertThat(unchanged.get("acquirer_merchant_id").asString()).isEqualTo("piggy-books-42");
        assertThat(mongo.getCollection(Merchant.COLLECTION).countDocuments()).isEqualTo(merchantsBefore);
    }

    @Test
    void answers_400_for_a_contract_that_is_not_json() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, "{\"acq");

        assertThat(response).hasStatus(400);
        assertThat(body(response).get("error_type").asString()).isEqualTo("request_malformed");
    }

    @Test
    void answers_404_for_the_contract_of_a_merchant_that_does_not_exist() {
        assertThat(put("/merchants/mer_aaaaaaaaaaaaaaaaaaaaaaaaaa/contract", "Bearer " + ADMIN_TOKEN, NEW_CONTRACT))
                .hasStatus(404);
        assertThat(put("/merchants/not-a-merchant-id/contract", "Bearer " + ADMIN_TOKEN, NEW_CONTRACT))
                .hasStatus(404);
    }

    @Test
    void stores_only_the_hash_of_an_api_key() throws Exception {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String apiKey = created.get("api_key").asString();

        Document stored = mongo.getCollection(Merchant.COLLECTION)
                .find(eq("_id", created.get("id").asString()))
                .first();

        assertThat(stored).isNotNull();
        String raw = stored.toJson();
        assertThat(raw).doesNotContain(apiKey).doesNotContain(apiKey.substring("sk_sbox_".length()));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored.getList("api_keys", Document.class)).singleElement()
                .satisfies(key -> assertThat(key.getString("hash")).isEqualTo(hash))
                .satisfies(key -> assertThat(key.getString("prefix")).isEqualTo(apiKey.substring(0, 12)))
                .satisfies(key -> assertThat(key.get("created_on")).isInstanceOf(Date.class));
        assertThat(stored.getList("live_key_hashes", String.class)).containsExactly(hash);
    }

    private static void assertUnauthorized(RestTestClientResponse response) {
        assertThat(response).hasStatus(401);
        assertThat(response.getExchangeResult().getResponseBodyContent()).isNullOrEmpty();
    }
}
