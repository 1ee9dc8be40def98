package io.paygate.webhook.web;

import io.paygate.webhook.ServiceIntegrationTest;
import io.paygate.events.PaymentEventType;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentationTest extends ServiceIntegrationTest {

    private static final String[] OPERATIONS = {"get", "put", "post", "delete", "patch"};

    @Test
    void documents_the_webhooks_api() {
        JsonNode api = apiDocs();

        assertThat(api.get("paths").propertyNames()).containsExactlyInAnyOrder("/webhooks", "/webhooks/{id}",
                "/webhooks/{id}/signing-secret", "/webhooks/{id}/deliveries", "/webhooks/{id}/deliveries/{deliveryId}",
                "/webhooks/{id}/deliveries/{deliveryId}/redeliver");
        List<String> ids = new ArrayList<>();
        forEachOperation(api, (name, operation) -> ids.add(operation.get("operationId").asString()));
        assertThat(ids).containsExactlyInAnyOrder("createWebhook", "listWebhooks", "getWebhook", "updateWebhook",
                "patchWebhook", "deleteWebhook", "rotateWebhookSigningSecret", "listWebhookDeliveries",
                "getWebhookDelivery", "redeliverWebhookDelivery");
    }

    @Test
    void asks_for_the_api_key_and_hides_the_gateways_headers_on_every_operation() {
        forEachOperation(apiDocs(), (name, operation) -> {
            assertThat(operation.get("security").toString()).as(name).isEqualTo("[{\"api-key\":[]}]");
            assertThat(operation.get("responses").has("401")).as(name).isTrue();
            assertThat(operation.path("parameters").toString()).as(name).doesNotContain("X-PayGate")
                    .doesNotContain("merchant");
        });
    }

    @Test
    void describes_every_operation_parameter_and_response() {
        forEachOperation(apiDocs(), (name, operation) -> {
            assertThat(operation.get("summary").asString()).as(name).isNotBlank();
            assertThat(operation.get("description").asString()).as(name).isNotBlank();
            operation.path("parameters").values().forEach(parameter -> {
                assertThat(parameter.get("description").asString()).as(name).isNotBlank();
                assertThat(parameter.has("example")).as(name + " " + parameter.get("name")).isTrue();
            });
            operation.get("responses").properties().forEach(response ->
                    assertThat(response.getValue().get("description").asString()).as(name + " " + response.getKey())
                            .isNotBlank());
        });
    }

    /** Every schema property carries a description, and an example unless it lists or refers to objects. */
    @Test
    void describes_every_field_with_an_example() {
        JsonNode schemas = apiDocs().get("components").get("schemas");

        // Exactly these: a JSON node field without its type in @Schema would add Jackson's JsonNode.
        assertThat(schemas.propertyNames()).containsExactlyInAnyOrder("WebhookRequest", "Webhook", "CreatedWebhook",
                "WebhookSigningSecret", "WebhookErrorResponse", "WebhookLinks", "WebhookLink", "WebhookDeliveries",
                "WebhookDelivery", "WebhookDeliveryDetails", "WebhookDeliveryAttempt");
        List<String> undocumented = new ArrayList<>();
        schemas.properties().forEach(schema -> {
            if (schema.getValue().path("description").asString("").isBlank()) {
                undocumented.add(schema.getKey());
            }
            schema.getValue().get("properties").properties().forEach(property -> {
                JsonNode field = property.getValue();
                boolean refersToObjects = field.has("$ref") || field.path("items").has("$ref");
                if (field.path("description").asString("").isBlank() || !refersToObjects && !field.has("example")) {
                    undocumented.add(schema.getKey() + "." + property.getKey());
                }
            });
        });

        assertThat(undocumented).isEmpty();
    }

    @Test
    void lists_every_event_type_and_error_code() {
        JsonNode api = apiDocs();
        JsonNode eventTypes = api.get("components").get("schemas").get("WebhookRequest").get("properties")
                .get("event_types");

        assertThat(eventTypes.get("items").get("enum").values()).extracting(JsonNode::asString)
                .containsExactlyElementsOf(PaymentEventType.NAMES);
        assertThat(api.get("paths").get("/webhooks").get("post").get("responses").get("422").get("description")
                .asString()).contains("url_required", "url_invalid", "active_invalid", "headers_invalid",
                "content_type_invalid", "event_types_invalid", "webhook_limit_reached");
    }

    @Test
    void documents_the_delivery_log_its_paging_errors_and_pausing() {
        JsonNode paths = apiDocs().get("paths");

        JsonNode list = paths.get("/webhooks/{id}/deliveries").get("get");
        assertThat(list.get("parameters").values()).extracting(parameter -> parameter.get("name").asString())
                .containsExactly("id", "limit", "skip");
        assertThat(list.get("responses").get("422").get("description").asString()).contains("limit_invalid",
                "skip_invalid");
        assertThat(paths.get("/webhooks/{id}/deliveries/{deliveryId}/redeliver").get("post").get("responses")
                .has("202")).isTrue();
        assertThat(paths.get("/webhooks/{id}").get("patch").get("description").asString()).contains("paused");
    }

    private JsonNode apiDocs() {
        RestTestClientResponse response = get(null, "/v3/api-docs");
        assertThat(response).hasStatusOk();
        return body(response);
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
