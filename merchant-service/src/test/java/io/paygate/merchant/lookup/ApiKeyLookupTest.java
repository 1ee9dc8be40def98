package io.paygate.merchant.lookup;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.merchant.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeyLookupTest extends ServiceIntegrationTest {

    @Test
    void resolves_a_live_key_to_its_merchant_contract() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));

        RestTestClientResponse response = lookUp(created.get("api_key").asString());

        assertThat(response).hasStatusOk();
        assertThat(response).bodyJson().isStrictlyEqualTo("""
                {"merchantId": "%s", "acquirer": "piggybank", "acquirerMerchantId": "piggy-books-42",
                 "currencies": ["GBP", "EUR"], "requestsPerSecond": null, "routing": []}
                """.formatted(created.get("id").asString()));
    }

    @Test
    void answers_only_the_gateway_so_that_no_neighbour_can_try_keys_or_read_contracts() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        RestTestClient unsigned = RestTestClient.bindToServer().baseUrl("http://localhost:" + port()).build();

        RestTestClientResponse lookUp = RestTestClientResponse.from(unsigned.post().uri(ApiKeyLookup.PATH)
                .contentType(MediaType.APPLICATION_JSON).body(lookupBody(created.get("api_key").asString())).exchange());
        RestTestClientResponse admin = RestTestClientResponse.from(unsigned.get().uri("/merchants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange());

        assertThat(lookUp).hasStatus(401);
        assertThat(lookUp).hasBodyTextEqualTo("");
        assertThat(admin).as("the admin token alone is not enough").hasStatus(401);
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
    void answers_404_for_a_key_as_soon_as_it_is_revoked() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));
        String merchantId = created.get("id").asString();

        assertThat(revokeApiKey(merchantId, firstKeyId(merchantId))).hasStatus(204);

        assertThat(lookUp(created.get("api_key").asString())).hasStatus(404);
    }

    @Test
    void answers_a_changed_contract_at_once() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));

        put("/merchants/" + created.get("id").asString() + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-99", "currencies": ["JPY"],
                 "requests_per_second": 25}
                """);

        assertThat(lookUp(created.get("api_key").asString())).bodyJson().isStrictlyEqualTo("""
                {"merchantId": "%s", "acquirer": "piggybank", "acquirerMerchantId": "piggy-books-99",
                 "currencies": ["JPY"], "requestsPerSecond": 25, "routing": []}
                """.formatted(created.get("id").asString()));
    }

    @Test
    void answers_the_contracts_routing_rules_in_order() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));

        put("/merchants/" + created.get("id").asString() + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-42", "currencies": ["GBP", "EUR"],
                 "routing": [
                   {"acquirer": "lionbank", "acquirer_merchant_id": "LION-7", "currencies": ["EUR"],
                    "schemes": ["VISA"]},
                   {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-amex", "schemes": ["amex"]}]}
                """);

        assertThat(lookUp(created.get("api_key").asString())).bodyJson().isStrictlyEqualTo("""
                {"merchantId": "%s", "acquirer": "piggybank", "acquirerMerchantId": "piggy-books-42",
                 "currencies": ["GBP", "EUR"], "requestsPerSecond": null,
                 "routing": [
                   {"acquirer": "lionbank", "acquirerMerchantId": "LION-7", "currencies": ["EUR"],
                    "schemes": ["visa"]},
                   {"acquirer": "piggybank", "acquirerMerchantId": "piggy-amex", "currencies": [],
                    "schemes": ["amex"]}]}
                """.formatted(created.get("id").asString()));
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
}
