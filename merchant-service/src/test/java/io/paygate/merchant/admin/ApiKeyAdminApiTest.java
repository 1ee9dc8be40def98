package io.paygate.merchant.admin;

import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.merchant.Merchant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAdminApiTest extends ServiceIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void issues_another_live_key_shown_once() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantId = created.get("id").asString();

        RestTestClientResponse response = issueApiKey(merchantId);

        assertThat(response).hasStatus(201);
        JsonNode issued = body(response);
        assertThat(issued.propertyNames()).containsExactly("id", "api_key", "prefix", "created_on");
        assertThat(issued.get("id").asString()).matches("key_[a-z2-7]{26}");
        String secondKey = issued.get("api_key").asString();
        assertThat(secondKey).matches("sk_sbox_[a-z2-7]{26}[a-z2-7*#$=]")
                .isNotEqualTo(created.get("api_key").asString());
        assertThat(issued.get("prefix").asString()).isEqualTo(secondKey.substring(0, "sk_sbox_".length() + 4));
        assertThat(Instant.parse(issued.get("created_on").asString())).isBefore(Instant.now().plusSeconds(1));

        JsonNode keys = body(get("/merchants/" + merchantId, "Bearer " + ADMIN_TOKEN)).get("api_keys");
        assertThat(keys.values()).extracting(key -> key.get("id").asString())
                .containsExactly(firstKeyId(merchantId), issued.get("id").asString());
        assertThat(keys.get(1).get("prefix").asString()).isEqualTo(issued.get("prefix").asString());
        assertThat(keys.get(1).get("created_on").asString()).isEqualTo(issued.get("created_on").asString());
        assertThat(keys.toString()).doesNotContain(secondKey.substring("sk_sbox_".length()));
    }

    @Test
    void both_keys_work_until_one_is_revoked_and_then_only_the_other() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantId = created.get("id").asString();
        String firstKey = created.get("api_key").asString();
        String secondKey = body(issueApiKey(merchantId)).get("api_key").asString();

        assertThat(lookUp(firstKey)).hasStatusOk().bodyJson().extractingPath("merchantId").isEqualTo(merchantId);
        assertThat(lookUp(secondKey)).hasStatusOk().bodyJson().extractingPath("merchantId").isEqualTo(merchantId);

        assertThat(revokeApiKey(merchantId, firstKeyId(merchantId))).hasStatus(204);

        assertThat(lookUp(firstKey)).hasStatus(404);
        assertThat(lookUp(secondKey)).hasStatusOk().bodyJson().extractingPath("merchantId").isEqualTo(merchantId);
    }

    @Test
    void shows_when_a_key_was_revoked_and_keeps_that_time_when_it_is_revoked_again() {
        String merchantId = body(createMerchant(VALID_MERCHANT)).get("id").asString();
        String keyId = firstKeyId(merchantId);

        assertThat(revokeApiKey(merchantId, keyId)).hasStatus(204);
        JsonNode revoked = body(get("/merchants/" + merchantId, "Bearer " + ADMIN_TOKEN)).get("api_keys").get(0);
        assertThat(revokeApiKey(merchantId, keyId)).hasStatus(204);
        assertThat(revokeApiKey(merchantId, keyId)).hasStatus(204);

        assertThat(Instant.parse(revoked.get("revoked_on").asString()))
                .isAfterOrEqualTo(Instant.parse(revoked.get("created_on").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(body(get("/merchants/" + merchantId, "Bearer " + ADMIN_TOKEN)).get("api_keys").get(0))
                .isEqualTo(revoked);
    }

    @Test
    void lets_the_last_live_key_go_and_a_new_one_come() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantId = created.get("id").asString();

        assertThat(revokeApiKey(merchantId, firstKeyId(merchantId))).hasStatus(204);

        // An empty array would collide on MongoDB's unique index with every other merchant left without keys.
        assertThat(rawMerchant(merchantId)).doesNotContainKey("live_key_hashes");
        String newKey = body(issueApiKey(merchantId)).get("api_key").asString();
        assertThat(lookUp(newKey)).hasStatusOk().bodyJson().extractingPath("merchantId").isEqualTo(merchantId);
        assertThat(lookUp(created.get("api_key").asString())).hasStatus(404);
    }

    @Test
    void answers_404_for_a_merchant_or_key_that_does_not_exist() {
        String merchantId = body(createMerchant(VALID_MERCHANT)).get("id").asString();
        String otherMerchantsKeyId = firstKeyId(body(createMerchant(VALID_MERCHANT)).get("id").asString());

        assertThat(issueApiKey("mer_aaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(issueApiKey("not-a-merchant-id")).hasStatus(404);
        assertThat(revokeApiKey("mer_aaaaaaaaaaaaaaaaaaaaaaaaaa", firstKeyId(merchantId))).hasStatus(404);
        assertThat(revokeApiKey(merchantId, "key_aaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(revokeApiKey(merchantId, otherMerchantsKeyId)).hasStatus(404);
        assertThat(body(get("/merchants/" + merchantId, "Bearer " + ADMIN_TOKEN)).get("api_keys").get(0)
                .has("revoked_on")).isFalse();
    }

    @Test
    void stores_no_issued_key_in_clear() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantId = created.get("id").asString();
        List<String> keys = List.of(created.get("api_key").asString(),
                body(issueApiKey(merchantId)).get("api_key").asString(),
                body(issueApiKey(merchantId)).get("api_key").asString());
        revokeApiKey(merchantId, firstKeyId(merchantId));

        Document stored = rawMerchant(merchantId);

        String raw = stored.toJson();
        keys.forEach(key -> assertThat(raw).doesNotContain(key.substring("sk_sbox_".length())));
        List<String> hashes = keys.stream().map(key -> ApiKey.parse(key).orElseThrow().hash()).toList();
        assertThat(stored.getList("api_keys", Document.class)).extracting(key -> key.getString("hash"))
                .containsExactlyElementsOf(hashes);
        assertThat(stored.getList("live_key_hashes", String.class)).containsExactly(hashes.get(1), hashes.get(2));
        assertThat(stored.getList("api_keys", Document.class).getFirst())
                .containsOnlyKeys("_id", "hash", "prefix", "created_on", "revoked_on");
    }

    private Document rawMerchant(String merchantId) {
        return mongo.getCollection(Merchant.COLLECTION).find(eq("_id", merchantId)).first();
    }
}
