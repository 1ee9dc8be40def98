package io.paygate.merchant.admin;

import io.paygate.merchant.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentationTest extends ServiceIntegrationTest {

    private static final String[] OPERATIONS = {"get", "put", "post", "delete", "patch"};

    @Test
    void documents_the_admin_api_and_nothing_internal() {
        JsonNode api = apiDocs();

        assertThat(api.get("paths").propertyNames()).containsExactlyInAnyOrder("/merchants", "/merchants/{id}",
                "/merchants/{id}/contract", "/merchants/{id}/api-keys", "/merchants/{id}/api-keys/{keyId}");
        assertThat(operationIds(api)).containsExactlyInAnyOrder("createMerchant", "listMerchants", "getMerchant",
                "changeMerchantContract", "issueApiKey", "revokeApiKey");
    }

    @Test
    void asks_for_the_admin_token_on_every_operation() {
        JsonNode api = apiDocs();

        JsonNode scheme = api.get("components").get("securitySchemes").get("admin-token");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        forEachOperation(api, (name, operation) -> {
            assertThat(operation.get("security").toString()).as(name).isEqualTo("[{\"admin-token\":[]}]");
            assertThat(operation.get("responses").has("401")).as(name).isTrue();
        });
    }

    @Test
    void describes_every_operation_parameter_and_response() {
        forEachOperation(apiDocs(), (name, operation) -> {
            assertThat(operation.get("summary").asString()).as(name).isNotBlank();
            assertThat(operation.get("description").asString()).as(name).isNotBlank();
            if (operation.has("parameters")) {
                operation.get("parameters").values().forEach(parameter -> {
                    assertThat(parameter.get("description").asString()).as(name).isNotBlank();
                    assertThat(parameter.has("example")).as(name + " " + parameter.get("name")).isTrue();
                });
            }
            operation.get("responses").properties().forEach(response ->
                    assertThat(response.getValue().get("description").asString()).as(name + " " + response.getKey())
                            .isNotBlank());
        });
    }

    @Test
    void describes_every_field_with_an_example() {
        JsonNode schemas = apiDocs().get("components").get("schemas");

        assertThat(schemas.propertyNames()).contains("CreateMerchantRequest", "AcquirerContract", "CreatedMerchant",
                "Merchant", "ApiKeySummary", "IssuedApiKey", "MerchantList", "AdminErrorResponse");
        schemas.properties().forEach(schema -> {
            assertThat(schema.getValue().get("description").asString()).as(schema.getKey()).isNotBlank();
            schema.getValue().get("properties").properties().forEach(property -> {
                String field = schema.getKey() + "." + property.getKey();
                assertThat(property.getValue().get("description").asString()).as(field).isNotBlank();
                boolean listsObjects = property.getValue().path("items").has("$ref");
                assertThat(listsObjects || property.getValue().has("example")).as(field).isTrue();
            });
        });
    }

    @Test
    void tells_how_long_the_gateway_may_still_honour_a_revoked_key_or_an_old_contract() {
        JsonNode paths = apiDocs().get("paths");

        assertThat(paths.get("/merchants/{id}/api-keys/{keyId}").get("delete").get("description").asString())
                .contains("paygate.gateway.api-key-cache-ttl (30 s by default)");
        assertThat(paths.get("/merchants/{id}/contract").get("put").get("description").asString())
                .contains("paygate.gateway.api-key-cache-ttl (30 s by default)");
    }

    @Test
    void describes_how_routing_rules_pick_an_acquirer_and_when_a_payment_fails_over() {
        JsonNode api = apiDocs();
        JsonNode schemas = api.get("components").get("schemas");

        for (String schema : List.of("AcquirerContract", "CreateMerchantRequest", "Merchant", "CreatedMerchant")) {
            JsonNode routing = schemas.get(schema).get("properties").get("routing");
            assertThat(routing.get("type").asString()).as(schema).isEqualTo("array");
            assertThat(routing.get("items").get("$ref").asString()).as(schema)
                    .isEqualTo("#/components/schemas/RoutingRule");
            assertThat(routing.get("maxItems").asInt()).as(schema).isEqualTo(20);
            assertThat(routing.get("description").asString()).as(schema)
                    .contains("first rule matching both its currency and its card scheme")
                    .contains("the contract's acquirer when no rule matches")
                    .contains("certainly did not authorise it")
                    .contains("Never after a timeout or an ambiguous answer");
        }
        assertThat(schemas.get("RoutingRule").get("properties").propertyNames())
                .containsExactly("acquirer", "acquirer_merchant_id", "currencies", "schemes");
        assertThat(schemas.get("RoutingRule").get("properties").get("schemes").get("items").get("enum").toString())
                .isEqualTo("[\"visa\",\"mastercard\",\"amex\",\"discover\"]");
        for (String path : new String[] {"/merchants", "/merchants/{id}/contract"}) {
            JsonNode operation = api.get("paths").get(path).get(path.equals("/merchants") ? "post" : "put");
            assertThat(operation.get("responses").get("422").get("description").asString()).as(path)
                    .contains("routing_invalid", "routing_acquirer_required", "routing_acquirer_not_supported",
                            "routing_acquirer_merchant_id_required", "routing_acquirer_merchant_id_too_long",
                            "routing_currency_invalid", "routing_scheme_invalid");
        }
    }

    @Test
    void serves_the_same_description_every_time() {
        String first = apiDocsText();

        assertThat(apiDocsText()).isEqualTo(first);
    }

    @Test
    void names_the_gateway_as_the_server_behind_it() {
        var response = client.get().uri("/v3/api-docs")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "pay.example.com")
                .header("X-Forwarded-Port", "8443")
                .exchange();

        assertThat(body(RestTestClientResponse.from(response)).get("servers").get(0).get("url").asString())
                .isEqualTo("https://pay.example.com:8443");
    }

    private JsonNode apiDocs() {
        RestTestClientResponse response = get("/v3/api-docs", null);
        assertThat(response).hasStatusOk();
        return body(response);
    }

    private String apiDocsText() {
        return new String(get("/v3/api-docs", null).getExchangeResult().getResponseBodyContent(),
                StandardCharsets.UTF_8);
    }

    private static List<String> operationIds(JsonNode api) {
        List<String> ids = new ArrayList<>();
        forEachOperation(api, (name, operation) -> ids.add(operation.get("operationId").asString()));
        return ids;
    }

    private static void forEachOperation(JsonNode api, BiConsumer<String, JsonNode> check) {
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (String method : OPERATIONS) {
                if (path.getValue().has(method)) {
                    check.accept(method.toUpperCase() + " " + path.getKey(), path.getValue().get(method));
                }
            }
        }
    }
}
