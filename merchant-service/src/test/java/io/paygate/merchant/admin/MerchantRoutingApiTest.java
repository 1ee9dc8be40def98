package io.paygate.merchant.admin;

import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.merchant.Merchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class MerchantRoutingApiTest extends ServiceIntegrationTest {

    private static final String ROUTED_CONTRACT = """
            {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-42", "currencies": ["GBP", "EUR"],
             "routing": [
               {"acquirer": "lionbank", "acquirer_merchant_id": " LION-7 ", "currencies": ["EUR"],
                "schemes": ["VISA", "Mastercard"]},
               {"acquirer": "lionbank", "acquirer_merchant_id": "LION-8", "schemes": ["amex"]},
               {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-gbp", "currencies": ["GBP", "GBP"],
                "schemes": []}]}
            """;
    /** ROUTED_CONTRACT's routing as the API shows it: in order, trimmed, schemes in lower case, each value once. */
    private static final String SHOWN_ROUTING = """
            [{"acquirer": "lionbank", "acquirer_merchant_id": "LION-7", "currencies": ["EUR"],
              "schemes": ["visa", "mastercard"]},
             {"acquirer": "lionbank", "acquirer_merchant_id": "LION-8", "currencies": [], "schemes": ["amex"]},
             {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-gbp", "currencies": ["GBP"], "schemes": []}]
            """;
    private static final String BAD_ROUTING = """
            {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-99", "currencies": ["GBP"],
             "routing": [
               {"acquirer": "moneybags", "acquirer_merchant_id": "M-1", "currencies": ["EUR"], "schemes": ["jcb"]},
               {"acquirer": "lionbank", "currencies": ["XYZ"], "schemes": ["maestro"]},
               {"acquirer_merchant_id": "%s", "currency": ["GBP"]},
               "lionbank"]}
            """.formatted("l".repeat(101));

    @Autowired
    MongoTemplate mongo;

    @Test
    void changes_a_contract_to_one_with_routing_rules_and_shows_them() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN)).get("routing"))
                .as("no rules: an empty array").isEqualTo(json("[]"));

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN,
                ROUTED_CONTRACT);

        assertThat(response).hasStatusOk();
        JsonNode changed = body(response);
        assertThat(changed.get("routing")).isEqualTo(json(SHOWN_ROUTING));
        assertThat(changed.get("acquirer").asString()).isEqualTo("piggybank");
        JsonNode shown = body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN));
        assertThat(shown).isEqualTo(changed);
        assertThat(shown.propertyNames()).containsExactly("id", "name", "acquirer", "acquirer_merchant_id",
                "currencies", "routing", "created_on", "api_keys");
        assertThat(shown.get("routing").get(0).propertyNames())
                .containsExactly("acquirer", "acquirer_merchant_id", "currencies", "schemes");
        JsonNode listed = body(get("/merchants?limit=100", "Bearer " + ADMIN_TOKEN)).get("data").valueStream()
                .filter(merchant -> merchant.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(listed.get("routing")).isEqualTo(json(SHOWN_ROUTING));
    }

    @Test
    void creates_a_merchant_with_routing_rules() {
        RestTestClientResponse response = createMerchant(ROUTED_CONTRACT.replace("{\"acquirer\": \"piggybank\", "
                + "\"acquirer_merchant_id\": \"piggy-books-42\"", "{\"name\": \"Books & Co\", \"acquirer\": "
                + "\"piggybank\", \"acquirer_merchant_id\": \"piggy-books-42\""));

        assertThat(response).hasStatus(201);
        JsonNode created = body(response);
        assertThat(created.get("routing")).isEqualTo(json(SHOWN_ROUTING));
        assertThat(body(get("/merchants/" + created.get("id").asString(), "Bearer " + ADMIN_TOKEN)).get("routing"))
                .isEqualTo(json(SHOWN_ROUTING));
    }

    @Test
    void drops_the_routing_rules_when_a_new_contract_has_none() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();
        put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, ROUTED_CONTRACT);

        JsonNode changed = body(put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "lionbank", "acquirer_merchant_id": "LION-1", "currencies": ["GBP"]}
                """));

        assertThat(changed.get("acquirer").asString()).isEqualTo("lionbank");
        assertThat(changed.get("routing")).isEqualTo(json("[]"));
    }

    @Test
    void refuses_an_invalid_routing_listing_every_error_once_and_keeps_the_old_contract() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();
        JsonNode before = body(put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, ROUTED_CONTRACT));

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, BAD_ROUTING);

        assertThat(response).hasStatus(422);
        JsonNode error = body(response);
        assertThat(error.get("error_type").asString()).isEqualTo("request_invalid");
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(error.get("error_codes").values()).extracting(JsonNode::asString).containsExactly(
                "routing_invalid", "routing_acquirer_required", "routing_acquirer_not_supported",
                "routing_acquirer_merchant_id_required", "routing_acquirer_merchant_id_too_long",
                "routing_currency_invalid", "routing_scheme_invalid");
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN))).isEqualTo(before);
    }

    @Test
    void holds_lion_bank_merchant_ids_to_the_15_characters_of_iso_8583_field_42() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "lionbank", "acquirer_merchant_id": "LION-0123456789X", "currencies": ["GBP"],
                 "routing": [{"acquirer": "lionbank", "acquirer_merchant_id": "LION-0123456789Y"},
                             {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-0123456789"}]}
                """);

        assertThat(response).hasStatus(422);
        assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString)
                .containsExactly("acquirer_merchant_id_too_long", "routing_acquirer_merchant_id_too_long");
    }

    @Test
    void refuses_a_rule_for_a_currency_the_contract_does_not_allow_beside_the_contracts_own_errors() {
        String id = body(createMerchant(VALID_MERCHANT)).get("id").asString();

        RestTestClientResponse response = put("/merchants/" + id + "/contract", "Bearer " + ADMIN_TOKEN, """
                {"acquirer": "piggybank", "acquirer_merchant_id": "piggy-books-42", "currencies": ["GBP"],
                 "requests_per_second": 0,
                 "routing": [{"acquirer": "lionbank", "acquirer_merchant_id": "LION-7", "currencies": ["EUR"]}]}
                """);

        assertThat(response).hasStatus(422);
        assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString)
                .containsExactly("requests_per_second_invalid", "routing_currency_invalid");
        assertThat(body(get("/merchants/" + id, "Bearer " + ADMIN_TOKEN)).get("currencies"))
                .isEqualTo(json("[\"GBP\", \"EUR\"]"));
    }

    @Test
    void refuses_a_routing_that_is_not_an_array_or_has_more_than_20_rules_and_creates_nothing() {
        long merchantsBefore = mongo.getCollection(Merchant.COLLECTION).countDocuments();
        String tooMany = "[" + String.join(", ", Collections.nCopies(21,
                "{\"acquirer\": \"lionbank\", \"acquirer_merchant_id\": \"LION-7\"}")) + "]";

        for (String routing : new String[] {"{}", "\"lionbank\"", "7", "[1]", tooMany}) {
            RestTestClientResponse response = createMerchant(VALID_MERCHANT.replace("\"currencies\"",
                    "\"routing\": " + routing + ", \"currencies\""));

            assertThat(response).as(routing).hasStatus(422);
            assertThat(body(response).get("error_codes").values()).extracting(JsonNode::asString).as(routing)
                    .containsExactly("routing_invalid");
        }
        assertThat(mongo.getCollection(Merchant.COLLECTION).countDocuments()).isEqualTo(merchantsBefore);
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }
}
