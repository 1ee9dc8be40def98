package io.paygate.webhook.web;

import io.paygate.webhook.ServiceIntegrationTest;
import io.paygate.webhook.endpoint.SealedSecret;
import io.paygate.webhook.endpoint.SigningSecrets;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookApiTest extends ServiceIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SigningSecrets secrets;

    @Test
    void registers_an_endpoint_and_shows_its_signing_secret_once() {
        RestTestClientResponse response = post(merchant, "/webhooks", VALID_WEBHOOK);

        assertThat(response).hasStatus(201);
        JsonNode created = body(response);
        String id = created.get("id").asString();
        assertThat(id).matches("wh_[a-z2-7]{26}");
        assertThat(response).hasHeader("Location", "/webhooks/" + id);
        assertThat(created.propertyNames()).containsExactly("id", "url", "active", "headers", "content_type",
                "event_types", "signing_secret", "_links");
        assertThat(created.get("url").asString()).isEqualTo("https://93.184.216.34/paygate/events");
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("headers").toString()).isEqualTo("{\"Authorization\":\"Bearer shop-token\"}");
        assertThat(created.get("content_type").asString()).isEqualTo("json");
        assertThat(created.get("event_types").toString()).isEqualTo("[\"payment_approved\",\"payment_captured\"]");
        assertThat(created.get("signing_secret").asString()).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(created.get("_links").get("self").get("href").asString()).isEqualTo("/webhooks/" + id);
    }

    @Test
    void never_shows_the_secret_again_and_stores_it_only_sealed() {
        JsonNode created = createWebhook();
        String id = created.get("id").asString();
        String secret = created.get("signing_secret").asString();

        RestTestClientResponse shown = get(merchant, "/webhooks/" + id);
        RestTestClientResponse listed = get(merchant, "/webhooks");

        assertThat(shown).hasStatusOk();
        assertThat(body(shown).propertyNames()).containsExactly("id", "url", "active", "headers", "content_type",
                "event_types", "_links");
        assertThat(text(shown)).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
        assertThat(text(listed)).doesNotContain("signing_secret").doesNotContain(secret.substring(6));
        Document stored = storedDocument(id);
        assertThat(stored.toJson()).doesNotContain(secret.substring(6));
        assertThat(stored.get("merchant_id")).isEqualTo(merchant);
        assertThat(secrets.open(sealed(id), id)).as("what the delivery worker will open").isEqualTo(secret);
    }

    @Test
    void lists_the_merchants_endpoints_oldest_first() {
        String first = createWebhook().get("id").asString();
        String second = body(post(merchant, "/webhooks", """
                {"url": "https://93.184.216.35/", "event_types": ["payment_refunded"], "active": false}"""))
                .get("id").asString();

        RestTestClientResponse response = get(merchant, "/webhooks");

        assertThat(response).hasStatusOk();
        JsonNode list = body(response);
        assertThat(list.values()).extracting(endpoint -> endpoint.get("id").asString()).containsExactly(first, second);
        assertThat(list.get(1).get("active").asBoolean()).isFalse();
        assertThat(list.get(1).get("headers").toString()).isEqualTo("{}");
        assertThat(body(get(newMerchantId(), "/webhooks")).isEmpty()).as("a merchant without endpoints").isTrue();
    }

    @Test
    void shows_no_merchant_another_merchants_endpoint() {
        String id = createWebhook().get("id").asString();
        String other = newMerchantId();

        assertThat(get(other, "/webhooks/" + id)).hasStatus(404);
        assertThat(put(other, "/webhooks/" + id, VALID_WEBHOOK)).hasStatus(404);
        assertThat(patch(other, "/webhooks/" + id, "{\"active\": false}")).hasStatus(404);
        assertThat(post(other, "/webhooks/" + id + "/signing-secret", "")).hasStatus(404);
        assertThat(delete(other, "/webhooks/" + id)).hasStatus(404);
        assertThat(body(get(other, "/webhooks")).isEmpty()).isTrue();

        JsonNode untouched = body(get(merchant, "/webhooks/" + id));
        assertThat(untouched.get("active").asBoolean()).isTrue();
        assertThat(untouched.get("url").asString()).isEqualTo("https://93.184.216.34/paygate/events");
    }

    @Test
    void answers_404_for_an_id_no_endpoint_has() {
        assertThat(get(merchant, "/webhooks/wh_aaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(get(merchant, "/webhooks/not-an-id")).hasStatus(404);
        assertThat(delete(merchant, "/webhooks/wh_aaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(post(merchant, "/webhooks/wh_aaaaaaaaaaaaaaaaaaaaaaaaaa/signing-secret", "")).hasStatus(404);
        assertThat(patch(merchant, "/webhooks/wh_aaaaaaaaaaaaaaaaaaaaaaaaaa", "{}")).hasStatus(404);
    }

    @Test
    void replaces_every_setting_with_put_and_keeps_the_secret() {
        JsonNode created = createWebhook();
        String id = created.get("id").asString();
        SealedSecret before = sealed(id);

        RestTestClientResponse response = put(merchant, "/webhooks/" + id, """
                {"url": "https://93.184.216.36/v2", "event_types": ["payment_declined"], "content_type": "json"}""");

        assertThat(response).hasStatusOk();
        JsonNode replaced = body(response);
        assertThat(replaced.get("id").asString()).isEqualTo(id);
        assertThat(replaced.get("url").asString()).isEqualTo("https://93.184.216.36/v2");
        assertThat(replaced.get("active").asBoolean()).isTrue();
        assertThat(replaced.get("headers").toString()).as("left out: none").isEqualTo("{}");
        assertThat(replaced.get("event_types").toString()).isEqualTo("[\"payment_declined\"]");
        assertThat(replaced.has("signing_secret")).isFalse();
        assertThat(body(get(merchant, "/webhooks/" + id))).isEqualTo(replaced);
        assertThat(sealed(id)).isEqualTo(before);
    }

    @Test
    void changes_only_the_fields_a_patch_sends() {
        String id = createWebhook().get("id").asString();

        RestTestClientResponse response = patch(merchant, "/webhooks/" + id,
                "{\"active\": false, \"event_types\": [\"payment_expired\"]}");

        assertThat(response).hasStatusOk();
        JsonNode patched = body(response);
        assertThat(patched.get("active").asBoolean()).isFalse();
        assertThat(patched.get("event_types").toString()).isEqualTo("[\"payment_expired\"]");
        assertThat(patched.get("url").asString()).isEqualTo("https://93.184.216.34/paygate/events");
        assertThat(patched.get("headers").toString()).isEqualTo("{\"Authorization\":\"Bearer shop-token\"}");
        assertThat(body(patch(merchant, "/webhooks/" + id, "{}"))).as("an empty patch").isEqualTo(patched);
        assertThat(body(patch(merchant, "/webhooks/" + id, "{\"headers\": null}")).get("headers").toString())
                .isEqualTo("{}");
    }

    @Test
    void validates_put_and_patch_as_a_registration_and_changes_nothing_when_invalid() {
        String id = createWebhook().get("id").asString();

        assertErrorCodes(put(merchant, "/webhooks/" + id, "{\"url\": \"https://10.0.0.1/\"}"),
                "url_invalid", "event_types_invalid");
        assertErrorCodes(patch(merchant, "/webhooks/" + id, "{\"active\": \"no\", \"content_type\": \"xml\"}"),
                "active_invalid", "content_type_invalid");
        assertThat(body(get(merchant, "/webhooks/" + id)).get("active").asBoolean()).isTrue();
    }

    @Test
    void removes_an_endpoint() {
        String id = createWebhook().get("id").asString();

        RestTestClientResponse response = delete(merchant, "/webhooks/" + id);

        assertThat(response).hasStatusOk();
        assertThat(text(response)).isEmpty();
        assertThat(get(merchant, "/webhooks/" + id)).hasStatus(404);
        assertThat(delete(merchant, "/webhooks/" + id)).hasStatus(404);
        assertThat(mongo.getCollection(WebhookEndpoint.COLLECTION).find(eq("_id", id)).first()).isNull();
    }

    @Test
    void rotates_the_signing_secret_so_that_only_the_new_one_signs() {
        JsonNode created = createWebhook();
        String id = created.get("id").asString();
        String oldSecret = created.get("signing_secret").asString();

        RestTestClientResponse response = post(merchant, "/webhooks/" + id + "/signing-secret", "");

        assertThat(response).hasStatusOk();
        JsonNode rotated = body(response);
        assertThat(rotated.propertyNames()).containsExactly("signing_secret");
        String newSecret = rotated.get("signing_secret").asString();
        assertThat(newSecret).matches("whsec_[A-Za-z0-9_-]{43}").isNotEqualTo(oldSecret);
        assertThat(secrets.open(sealed(id), id)).isEqualTo(newSecret);
        assertThat(storedDocument(id).toJson()).doesNotContain(newSecret.substring(6));
        assertThat(text(get(merchant, "/webhooks/" + id))).doesNotContain(newSecret.substring(6));
    }

    @Test
    void takes_at_most_ten_endpoints_per_merchant() {
        for (int i = 0; i < 10; i++) {
            assertThat(post(merchant, "/webhooks", VALID_WEBHOOK)).hasStatus(201);
        }

        assertErrorCodes(post(merchant, "/webhooks", VALID_WEBHOOK), "webhook_limit_reached");
        assertThat(body(get(merchant, "/webhooks")).size()).isEqualTo(10);
        assertThat(post(newMerchantId(), "/webhooks", VALID_WEBHOOK)).as("another merchant").hasStatus(201);

        String one = body(get(merchant, "/webhooks")).get(0).get("id").asString();
        assertThat(delete(merchant, "/webhooks/" + one)).hasStatusOk();
        assertThat(post(merchant, "/webhooks", VALID_WEBHOOK)).hasStatus(201);
    }

    @Test
    void reports_every_validation_error_code_at_once() {
        assertErrorCodes(post(merchant, "/webhooks", """
                {"url": "http://93.184.216.34/", "active": 1, "headers": {"Cko-Signature": "forged"},
                 "content_type": "form", "event_types": ["payment_teleported"]}"""),
                "url_invalid", "active_invalid", "headers_invalid", "content_type_invalid", "event_types_invalid");
        assertErrorCodes(post(merchant, "/webhooks", "{}"), "url_required", "event_types_invalid");
        assertErrorCodes(post(merchant, "/webhooks", """
                {"url": "https://169.254.169.254/latest/meta-data/", "event_types": ["payment_approved"]}"""),
                "url_invalid");
        assertErrorCodes(post(merchant, "/webhooks", """
                {"url": "https://[::ffff:127.0.0.1]/", "event_types": ["payment_approved"],
                 "headers": {"X-A": "a\\r\\nHost: evil"}}"""), "url_invalid", "headers_invalid");
        assertThat(body(get(merchant, "/webhooks")).isEmpty()).as("nothing registered").isTrue();
    }

    @Test
    void answers_a_body_that_is_not_a_json_object_with_request_malformed() {
        for (String malformed : List.of("[]", "\"https://93.184.216.34/\"", "5", "null", "{\"url\": ", "not json",
                "")) {
            RestTestClientResponse response = post(merchant, "/webhooks", malformed);

            assertThat(response).as(malformed).hasStatus(400);
            JsonNode error = body(response);
            assertThat(error.get("error_type").asString()).as(malformed).isEqualTo("request_malformed");
            assertThat(error.get("error_codes").isEmpty()).isTrue();
        }
        String id = createWebhook().get("id").asString();
        assertThat(put(merchant, "/webhooks/" + id, "[]")).hasStatus(400);
        assertThat(patch(merchant, "/webhooks/" + id, "[]")).hasStatus(400);
    }

    @Test
    void answers_a_body_that_is_not_json_with_415() {
        var response = client.post().uri("/webhooks").header("X-PayGate-Merchant-Id", merchant)
                .contentType(MediaType.TEXT_PLAIN).body(VALID_WEBHOOK).exchange();

        RestTestClientResponse answer = RestTestClientResponse.from(response);
        assertThat(answer).hasStatus(415);
        assertThat(body(answer).get("error_type").asString()).isEqualTo("request_malformed");
    }

    @Test
    void echoes_the_gateways_request_id_in_errors() {
        var response = client.post().uri("/webhooks").header("X-PayGate-Merchant-Id", merchant)
                .header("X-Request-Id", "0HL80RJLS76I7").contentType(MediaType.APPLICATION_JSON).body("{}").exchange();

        assertThat(body(RestTestClientResponse.from(response)).get("request_id").asString())
                .isEqualTo("0HL80RJLS76I7");
    }

    @Test
    void answers_401_with_no_body_without_the_authenticated_merchant() {
        String id = createWebhook().get("id").asString();

        for (RestTestClientResponse response : List.of(post(null, "/webhooks", VALID_WEBHOOK),
                post(null, "/webhooks", "[]"), get(null, "/webhooks"), get(null, "/webhooks/" + id),
                put(null, "/webhooks/" + id, VALID_WEBHOOK), patch(null, "/webhooks/" + id, "{}"),
                delete(null, "/webhooks/" + id), post(null, "/webhooks/" + id + "/signing-secret", ""),
                post(" ", "/webhooks", VALID_WEBHOOK))) {
            assertThat(response).hasStatus(401);
            assertThat(text(response)).isEmpty();
        }
        assertThat(get(merchant, "/webhooks/" + id)).hasStatusOk();
    }

    @Test
    void refuses_a_request_the_gateway_did_not_sign() {
        var unsigned = RestTestClient.bindToServer().baseUrl("http://localhost:" + port()).build();

        var response = unsigned.get().uri("/webhooks").header("X-PayGate-Merchant-Id", merchant).exchange();

        assertThat(RestTestClientResponse.from(response)).hasStatus(401);
    }

    private Document storedDocument(String id) {
        return mongo.getCollection(WebhookEndpoint.COLLECTION).find(eq("_id", id)).first();
    }

    private SealedSecret sealed(String id) {
        return mongo.findById(id, WebhookEndpoint.class).signingSecret();
    }

    private static void assertErrorCodes(RestTestClientResponse response, String... codes) {
        assertThat(response).hasStatus(422);
        JsonNode error = body(response);
        assertThat(error.get("error_type").asString()).isEqualTo("request_invalid");
        assertThat(error.get("error_codes").values()).extracting(JsonNode::asString).containsExactly(codes);
        assertThat(error.get("request_id").asString()).isNotBlank();
    }
}
