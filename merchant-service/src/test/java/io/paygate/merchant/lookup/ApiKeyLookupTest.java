package io.paygate.merchant.lookup;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.merchant.Merchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.util.Date;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeyLookupTest extends ServiceIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void resolves_a_live_key_to_its_merchant_contract() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));

        RestTestClientResponse response = lookUp(created.get("api_key").asString());

        assertThat(response).hasStatusOk();
        assertThat(response).bodyJson().isStrictlyEqualTo("""
                {"merchantId": "%s", "acquirer": "piggybank", "acquirerMerchantId": "piggy-books-42",
                 "currencies": ["GBP", "EUR"]}
                """.formatted(created.get("id").asString()));
    }

    @Test
    void answers_404_for_a_key_no_merchant_holds() {
        assertThat(lookUp("sk_sbox_aaaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(lookUp("sk_aaaaaaaaaaaaaaaaaaaaaaaaaa=")).hasStatus(404);
    }

    @Test
    void answers_404_for_what_is_not_an_api_key() {
        assertThat(lookUp("not-an-api-key")).hasStatus(404);
        assertThat(lookUp(ADMIN_TOKEN)).hasStatus(404);
        assertThat(lookUp(null)).hasStatus(404);
        assertThat(post(ApiKeyLookup.PATH, null, "{}")).hasStatus(404);
    }

    @Test
    void answers_404_for_a_revoked_key() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String hash = ApiKey.parse(created.get("api_key").asString()).orElseThrow().hash();
        mongo.getCollection(Merchant.COLLECTION).updateOne(eq("_id", created.get("id").asString()),
                combine(set("api_keys.0.revoked_on", new Date()), pull("live_key_hashes", hash)));

        assertThat(lookUp(created.get("api_key").asString())).hasStatus(404);
    }

    @Test
    void answers_400_for_a_body_that_is_not_json() {
        assertThat(post(ApiKeyLookup.PATH, null, "{\"apiKey\": sk_sbox_")).hasStatus(400);
    }

    @Test
    void never_logs_an_api_key(CapturedOutput output) {
        String apiKey = body(createMerchant(VALID_MERCHANT)).get("api_key").asString();
        lookUp(apiKey);
        post(ApiKeyLookup.PATH, null, "{\"apiKey\": " + apiKey + "}");

        assertThat(output.getAll()).doesNotContain(apiKey.substring("sk_sbox_".length()));
    }

    private RestTestClientResponse lookUp(String apiKey) {
        return post(ApiKeyLookup.PATH, null, lookupBody(apiKey));
    }
}
