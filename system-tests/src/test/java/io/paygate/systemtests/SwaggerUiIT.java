package io.paygate.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves one Swagger UI with the payments API, where a developer authorises once with a key and makes a
 * payment from the browser through the gateway itself.
 */
@ExtendWith(SharedStack.Extension.class)
class SwaggerUiIT {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static Gateway gateway;
    private static Gateway admin;

    @BeforeAll
    static void connect(SharedStack stack) {
        gateway = stack.gateway();
        admin = stack.admin();
    }

    @Test
    void serves_the_swagger_ui_page_through_the_gateway() {
        Gateway.Reply page = gateway.page("/swagger-ui.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<div id=\"swagger-ui\"></div>", "swagger-ui-bundle.js", "swagger-initializer.js");

        Gateway.Reply bundle = gateway.page("/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(gateway.page("/swagger-ui/swagger-initializer.js").body()).contains("/v3/api-docs/swagger-config");
    }

    @Test
    void offers_the_merchant_apis_alone_in_its_selector() {
        JsonNode config = swaggerConfig();

        List<String> names = new ArrayList<>();
        for (JsonNode definition : config.path("urls")) {
            names.add(definition.path("name").asString());
            Gateway.Reply served = gateway.get(definition.path("url").asString(), null);
            assertThat(served.status()).as("%s: %s", definition, served.body()).isEqualTo(200);
            assertThat(served.json().path("openapi").asString()).startsWith("3.1");
        }
        // The admin API's description is served on the admin listener only.
        assertThat(names).containsExactly("payments", "webhooks");
        assertThat(config.path("urls.primaryName").asString()).isEqualTo("payments");
    }

    @Test
    void keeps_no_key_a_developer_authorised_with_in_the_browsers_storage() {
        assertThat(swaggerConfig().path("persistAuthorization").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "merchants"})
    void asks_for_a_bearer_token_on_every_operation(String api) {
        JsonNode spec = servedSpecification(api);
        JsonNode schemes = spec.path("components").path("securitySchemes");

        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!OPERATIONS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode security = operation.getValue().has("security")
                        ? operation.getValue().path("security") : spec.path("security");
                assertThat(security.values()).as("%s in %s has no security requirement", name, api).isNotEmpty();
                for (JsonNode requirement : security) {
                    for (String scheme : requirement.propertyNames()) {
                        JsonNode declared = schemes.path(scheme);
                        assertThat(declared.path("type").asString()).as("%s: scheme %s", name, scheme).isEqualTo("http");
                        assertThat(declared.path("scheme").asString()).as("%s: scheme %s", name, scheme)
                                .isEqualToIgnoringCase("bearer");
                    }
                }
            }
        }
        assertThat(operations).as("operations of %s", api).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "merchants"})
    void sends_try_it_out_requests_through_the_gateway(String api) {
        JsonNode servers = servedSpecification(api).path("servers");

        assertThat(servers.values()).as("servers of %s", api).isNotEmpty();
        Gateway listener = listenerOf(api);
        for (JsonNode server : servers) {
            URI target = listener.baseUri().resolve(server.path("url").asString());
            assertThat(withoutTrailingSlash(target)).as("server of %s", api).isEqualTo(withoutTrailingSlash(listener.baseUri()));
        }
    }

    private static JsonNode swaggerConfig() {
        Gateway.Reply config = gateway.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        return config.json();
    }

    /** The admin API and its description are served on the admin listener, the payments API on the public one. */
    private static Gateway listenerOf(String api) {
        return api.equals("merchants") ? admin : gateway;
    }

    private static JsonNode servedSpecification(String api) {
        Gateway.Reply served = listenerOf(api).get("/v3/api-docs/" + api, null);
        assertThat(served.status()).as("GET /v3/api-docs/%s: %s", api, served.body()).isEqualTo(200);
        return served.json();
    }

    private static String withoutTrailingSlash(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
