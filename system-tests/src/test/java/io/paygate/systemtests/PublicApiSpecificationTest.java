package io.paygate.systemtests;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PublicApiSpecificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String PAYMENTS = """
            {"openapi": "3.1.0", "info": {"title": "PayGate Payments API", "version": "1"},
             "servers": [{"url": "https://localhost:43117", "description": "Generated server url"}],
             "security": [{"secret-key": []}],
             "tags": [{"name": "Payments", "description": "Card payments"}],
             "paths": {"/payments": {"post": {"tags": ["Payments"], "operationId": "requestPayment",
                                              "responses": {"201": {"description": "Processed"}}}},
                       "/payments/{id}": {"get": {"operationId": "getPayment", "security": [],
                                                  "responses": {"200": {"description": "The payment"}}}}},
             "components": {"schemas": {"PaymentRequest": {"type": "object",
                                                           "properties": {"source": {"type": "object"},
                                                                          "amount": {"type": "integer", "example": 1050},
                                                                          "cvv": {"type": "string", "example": "123"},
                                                                          "captured_on": {"type": "string", "format": "date-time",
                                                                                          "example": "2030-01-31T10:15:30.123Z"}}},
                                        "ErrorResponse": {"type": "object"}},
                            "securitySchemes": {"secret-key": {"type": "http", "scheme": "bearer"}}}}
            """;

    private static final String MERCHANTS = """
            {"openapi": "3.1.0", "info": {"title": "PayGate Merchant Administration API", "version": "1"},
             "servers": [{"url": "https://localhost:43117"}],
             "security": [{"admin-token": []}],
             "tags": [{"name": "Merchants", "description": "Merchant administration"}],
             "paths": {"/merchants": {"post": {"tags": ["Merchants"], "operationId": "createMerchant",
                                               "responses": {"201": {"description": "Created"}}}}},
             "components": {"schemas": {"ErrorResponse": {"type": "object"}},
                            "securitySchemes": {"admin-token": {"type": "http", "scheme": "bearer"}}}}
            """;

    @Test
    void combines_the_paths_tags_and_components_of_both_apis_under_one_title() {
        JsonNode combined = combine(PAYMENTS, MERCHANTS).document();

        assertThat(combined.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(combined.path("info").path("title").asString()).isEqualTo("PayGate API");
        assertThat(combined.path("info").path("version").asString()).isEqualTo("1.2.3");
        assertThat(combined.path("paths").propertyNames()).containsExactly("/merchants", "/payments", "/payments/{id}");
        assertThat(combined.path("tags").findValuesAsString("name")).containsExactly("Merchants", "Payments");
        assertThat(combined.path("components").path("schemas").propertyNames())
                .containsExactly("ErrorResponse", "PaymentRequest");
        assertThat(combined.path("components").path("securitySchemes").propertyNames())
                .containsExactly("admin-token", "secret-key");
    }

    @Test
    void drops_the_servers_that_carry_the_port_of_the_run() {
        JsonNode combined = combine(PAYMENTS, MERCHANTS).document();

        assertThat(combined.has("servers")).isFalse();
        assertThat(combine(PAYMENTS, MERCHANTS).yaml()).doesNotContain("43117");
    }

    @Test
    void moves_each_api_s_global_security_onto_its_own_operations() {
        JsonNode combined = combine(PAYMENTS, MERCHANTS).document();

        assertThat(combined.has("security")).isFalse();
        assertThat(combined.at("/paths/~1payments/post/security/0").propertyNames()).containsExactly("secret-key");
        assertThat(combined.at("/paths/~1merchants/post/security/0").propertyNames()).containsExactly("admin-token");
        assertThat(combined.at("/paths/~1payments~1{id}/get/security"))
                .as("an operation's own security stays as declared").isEqualTo(JSON.createArrayNode());
    }

    @Test
    void refuses_two_different_schemas_with_the_same_name() {
        String otherErrorResponse = MERCHANTS.replace("\"ErrorResponse\": {\"type\": \"object\"}",
                "\"ErrorResponse\": {\"type\": \"string\"}");

        assertThatIllegalStateException().isThrownBy(() -> combine(PAYMENTS, otherErrorResponse))
                .withMessageContaining("components.schemas 'ErrorResponse' differs between 'payments' and 'merchants'");
    }

    @Test
    void refuses_a_path_served_by_both_apis() {
        String alsoPayments = MERCHANTS.replace("\"/merchants\"", "\"/payments\"");

        assertThatIllegalStateException().isThrownBy(() -> combine(PAYMENTS, alsoPayments))
                .withMessageContaining("path /payments is served by more than one API");
    }

    @Test
    void refuses_a_member_it_would_otherwise_drop() {
        String withWebhooks = MERCHANTS.replaceFirst("\\{", "{\"webhooks\": {},");

        assertThatIllegalStateException().isThrownBy(() -> combine(PAYMENTS, withWebhooks))
                .withMessageContaining("[webhooks]");
    }

    @Test
    void writes_the_same_yaml_whatever_order_the_services_serve_their_members_in() {
        String reordered = """
                {"components": {"securitySchemes": {"secret-key": {"scheme": "bearer", "type": "http"}},
                                "schemas": {"ErrorResponse": {"type": "object"},
                                            "PaymentRequest": {"properties": {"source": {"type": "object"},
                                                                              "amount": {"example": 1050, "type": "integer"},
                                                                              "cvv": {"example": "123", "type": "string"},
                                                                              "captured_on": {"example": "2030-01-31T10:15:30.123Z",
                                                                                              "format": "date-time", "type": "string"}},
                                                               "type": "object"}}},
                 "paths": {"/payments/{id}": {"get": {"responses": {"200": {"description": "The payment"}},
                                                      "security": [], "operationId": "getPayment"}},
                           "/payments": {"post": {"responses": {"201": {"description": "Processed"}},
                                                  "operationId": "requestPayment", "tags": ["Payments"]}}},
                 "tags": [{"description": "Card payments", "name": "Payments"}],
                 "security": [{"secret-key": []}],
                 "info": {"version": "1", "title": "PayGate Payments API"},
                 "openapi": "3.1.0"}
                """;

        assertThat(combine(reordered, MERCHANTS).yaml()).isEqualTo(combine(PAYMENTS, MERCHANTS).yaml());
    }

    @Test
    void keeps_properties_in_the_order_of_the_json_the_service_writes() {
        JsonNode request = combine(PAYMENTS, MERCHANTS).document().at("/components/schemas/PaymentRequest/properties");

        assertThat(request.propertyNames()).containsExactly("source", "amount", "cvv", "captured_on");
    }

    @Test
    void writes_yaml_that_reads_back_as_the_same_document() {
        PublicApiSpecification specification = combine(PAYMENTS, MERCHANTS);

        JsonNode readBack = YAMLMapper.builder().build().readTree(specification.yaml());

        assertThat(readBack).isEqualTo(specification.document());
        assertThat(specification.yaml())
                .contains("example: \"123\"")
                .as("a YAML 1.1 reader would take it for a timestamp")
                .contains("example: \"2030-01-31T10:15:30.123Z\"");
        assertThat(specification.yaml()).startsWith("openapi: \"3.1.0\"\ninfo:\n");
    }

    private static PublicApiSpecification combine(String payments, String merchants) {
        Map<String, JsonNode> served = new LinkedHashMap<>();
        served.put("payments", JSON.readTree(payments));
        served.put("merchants", JSON.readTree(merchants));
        return PublicApiSpecification.combine("1.2.3", served);
    }
}
