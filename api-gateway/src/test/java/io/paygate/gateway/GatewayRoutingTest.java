package io.paygate.gateway;

import io.paygate.events.merchant.AcquirerRoute;
import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.events.merchant.RoutingHeader;
import io.paygate.gateway.admin.AdminListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.ssl.enabled=false")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTest {

    private static final List<AcquirerRoute> EUROS_TO_THE_LION_BANK =
            List.of(new AcquirerRoute("lionbank", "LION; 7", List.of("EUR"), List.of()));
    private static final MerchantContract DEMO_SHOP = new MerchantContract("mer_demoshop", "piggybank",
            "piggy-demo-001", List.of("GBP", "EUR", "USD"), null, EUROS_TO_THE_LION_BANK);
    private static final String PAYMENT_JSON = "{\"amount\":1050,\"currency\":\"GBP\"}";

    static final StubService paymentService = StubService.start(request -> new StubService.Reply(201, "{\"id\":\"pay_stub\"}"));
    static final MerchantServiceStub merchantService = new MerchantServiceStub();
    static final StubService webhookService = StubService.start(request -> new StubService.Reply(201, "{\"id\":\"wh_stub\"}"));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", paymentService::url);
        registry.add("paygate.gateway.merchant-service-url", merchantService::url);
        registry.add("paygate.gateway.webhook-service-url", webhookService::url);
    }

    @AfterAll
    static void stopServices() {
        paymentService.close();
        merchantService.close();
        webhookService.close();
    }

    @BeforeEach
    void forgetRequests() {
        paymentService.forgetRequests();
        merchantService.forgetRequests();
        webhookService.forgetRequests();
    }

    @Autowired
    WebTestClient gateway;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Autowired
    AdminListener adminListener;

    @Test
    void refuses_a_payment_without_an_api_key() {
        gateway.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue(PAYMENT_JSON)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().isEmpty();

        assertThat(paymentService.received()).isEmpty();
    }

    @Test
    void refuses_a_malformed_authorization_without_asking_merchant_service() {
        for (String authorization : List.of("Basic c2tfc2JveDp4", "Bearer", "Bearer ", "Bearer two words", "sk_sbox_nobearer")) {
            gateway.get().uri("/payments/pay_1").header(HttpHeaders.AUTHORIZATION, authorization)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().isEmpty();
        }

        assertThat(paymentService.received()).isEmpty();
        assertThat(merchantService.lookUps()).isEmpty();
    }

    @Test
    void takes_a_bare_secret_key_as_checkout_coms_previous_api_clients_send_it() {
        String apiKey = "sk_sbox_" + "b".repeat(26) + "=";
        merchantService.knows(apiKey, DEMO_SHOP);

        gateway.get().uri("/webhooks").header(HttpHeaders.AUTHORIZATION, apiKey)
                .exchange()
                .expectStatus().isCreated();
        gateway.get().uri("/webhooks").header(HttpHeaders.AUTHORIZATION, apiKey + "x")
                .exchange()
                .expectStatus().isUnauthorized();

        assertThat(webhookService.received("/webhooks")).singleElement()
                .satisfies(forwarded -> assertThat(forwarded.header(InternalHeaders.MERCHANT_ID)).isEqualTo("mer_demoshop"));
        assertThat(merchantService.lookUpsOf(apiKey + "x")).isEmpty();
    }

    @Test
    void refuses_an_unknown_api_key() {
        String unknownKey = "sk_sbox_unknownunknownunknownunknow";

        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(unknownKey))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().isEmpty();

        assertThat(merchantService.lookUpsOf(unknownKey)).hasSize(1);
        assertThat(paymentService.received()).isEmpty();
    }

    @Test
    void forwards_an_authenticated_payment_as_the_merchant_of_the_key() {
        String apiKey = merchantKey("forwards");

        gateway.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue(PAYMENT_JSON)
                .headers(headers -> headers.setBearerAuth(apiKey))
                .header(InternalHeaders.MERCHANT_ID, "mer_someoneelse")
                .header("x-paygate-acquirer", "evilbank")
                .header("X-PayGate-Anything", "forged")
                .header(InternalHeaders.ROUTING, "evilbank;x;;")
                .header("X-Forwarded-Host", "evil.example")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().json("{\"id\":\"pay_stub\"}");

        StubService.Request forwarded = paymentService.received("/payments").getLast();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.body()).isEqualTo(PAYMENT_JSON);
        assertThat(forwarded.headers().get(InternalHeaders.MERCHANT_ID)).containsExactly("mer_demoshop");
        assertThat(forwarded.headers().get(InternalHeaders.ACQUIRER)).containsExactly("piggybank");
        assertThat(forwarded.header(InternalHeaders.ACQUIRER_MERCHANT_ID)).isEqualTo("piggy-demo-001");
        assertThat(forwarded.header(InternalHeaders.CURRENCIES)).isEqualTo("GBP,EUR,USD");
        assertThat(forwarded.headers().get(InternalHeaders.ROUTING))
                .containsExactly(RoutingHeader.format(EUROS_TO_THE_LION_BANK));
        assertThat(forwarded.headers()).doesNotContainKeys(HttpHeaders.AUTHORIZATION, "X-PayGate-Anything");
        assertThat(forwarded.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
    }

    @Test
    void refuses_webhook_management_without_an_api_key() {
        for (String path : List.of("/webhooks", "/webhooks/wh_1")) {
            gateway.get().uri(path)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectBody().isEmpty();
        }

        assertThat(webhookService.received()).isEmpty();
    }

    @Test
    void forwards_webhook_management_signed_as_the_merchant_of_the_key() {
        String apiKey = merchantKey("webhooks");
        String endpoint = "{\"url\":\"https://shop.example/hook\",\"event_types\":[\"payment_approved\"]}";

        gateway.post().uri("/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue(endpoint)
                .headers(headers -> headers.setBearerAuth(apiKey))
                .header(InternalHeaders.MERCHANT_ID, "mer_someoneelse")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().json("{\"id\":\"wh_stub\"}");
        gateway.delete().uri("/webhooks/wh_stub").headers(headers -> headers.setBearerAuth(apiKey))
                .exchange()
                .expectStatus().isCreated();

        // The stub records only what the gateway signed with the services' key.
        StubService.Request created = webhookService.received("/webhooks").getLast();
        assertThat(created.method()).isEqualTo("POST");
        assertThat(created.body()).isEqualTo(endpoint);
        assertThat(created.headers().get(InternalHeaders.MERCHANT_ID)).containsExactly("mer_demoshop");
        assertThat(created.headers()).doesNotContainKey(HttpHeaders.AUTHORIZATION);
        assertThat(webhookService.received("/webhooks/wh_stub")).singleElement()
                .satisfies(deleted -> assertThat(deleted.method()).isEqualTo("DELETE"));
        assertThat(paymentService.received()).isEmpty();
    }

    @Test
    void refuses_a_body_above_the_limit_with_413_and_forwards_nothing() {
        String apiKey = merchantKey("large");

        gateway.post().uri("/payments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .headers(headers -> headers.setBearerAuth(apiKey))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error_type").isEqualTo("request_too_large")
                .jsonPath("$.error_codes[0]").isEqualTo("body_too_large");

        assertThat(paymentService.received()).isEmpty();
    }

    @Test
    void looks_a_key_up_once_for_many_requests() {
        String apiKey = merchantKey("cached");

        for (int i = 0; i < 3; i++) {
            gateway.get().uri("/payments/pay_{n}", i).headers(headers -> headers.setBearerAuth(apiKey))
                    .exchange()
                    .expectStatus().isCreated();
        }

        assertThat(merchantService.lookUpsOf(apiKey)).hasSize(1);
        assertThat(paymentService.received("/payments/pay_2")).hasSize(1);
    }

    @Test
    void looks_an_unknown_key_up_once_for_many_requests() {
        String unknownKey = "sk_sbox_neverissuedneverissuedneverissu";

        for (int i = 0; i < 3; i++) {
            gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(unknownKey))
                    .exchange()
                    .expectStatus().isUnauthorized();
        }

        assertThat(merchantService.lookUpsOf(unknownKey)).hasSize(1);
    }

    @Test
    void routes_merchant_administration_on_the_admin_listener_without_key_authentication() {
        admin().post().uri("/merchants").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Shop\"}")
                .headers(headers -> headers.setBearerAuth("admin-token"))
                .header(InternalHeaders.MERCHANT_ID, "mer_forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"id\":\"mer_stub\"}");

        StubService.Request forwarded = merchantService.received("/merchants").getLast();
        assertThat(forwarded.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer admin-token");
        assertThat(forwarded.headers()).doesNotContainKey(InternalHeaders.MERCHANT_ID);
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(merchantService.lookUps()).doesNotContain("admin-token");
    }

    @Test
    void answers_404_to_merchant_administration_on_the_public_listener() {
        for (String path : List.of("/merchants", "/merchants/mer_1", "/v3/api-docs/merchants")) {
            gateway.get().uri(path).headers(headers -> headers.setBearerAuth("admin-token"))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectBody().jsonPath("$.error_type").isEqualTo("not_found")
                    .jsonPath("$.error_codes[0]").isEqualTo("path_not_found")
                    .jsonPath("$.request_id").isNotEmpty();
        }

        assertThat(merchantService.adminRequests()).isEmpty();
    }

    @Test
    void answers_a_path_it_does_not_route_as_it_answers_a_hidden_one() {
        String apiKey = merchantKey("unrouted");

        // /merchants is hidden on the public listener; the others are routed nowhere.
        for (String path : List.of("/merchants", "/nothing", "/payment", "/v3/api-docs/nothing")) {
            String body = gateway.get().uri(path).headers(headers -> headers.setBearerAuth(apiKey))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectBody(String.class).returnResult().getResponseBody();

            assertThat(body).as(path).matches("\\{\"request_id\":\"[^\"]+\",\"error_type\":\"not_found\","
                    + "\"error_codes\":\\[\"path_not_found\"]}");
        }
        gateway.post().uri("/v3/api-docs/payments").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error_type").isEqualTo("not_found");

        assertThat(paymentService.received()).isEmpty();
    }

    @Test
    void answers_a_method_its_own_path_does_not_take_with_405_and_the_allow_header() {
        gateway.delete().uri("/readyz").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error_type").isEqualTo("method_not_allowed")
                .jsonPath("$.error_codes").isEmpty()
                .jsonPath("$.request_id").isNotEmpty();
    }

    @Test
    void serves_nothing_but_merchant_administration_on_the_admin_listener() {
        String apiKey = merchantKey("admin-listener");

        for (String path : List.of("/payments/pay_1", "/v3/api-docs/payments", "/swagger-ui.html", "/actuator/health")) {
            admin().get().uri(path).headers(headers -> headers.setBearerAuth(apiKey))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.error_type").isEqualTo("not_found");
        }

        assertThat(paymentService.received()).isEmpty();
        assertThat(merchantService.lookUps()).isEmpty();
    }

    @Test
    void never_routes_internal_endpoints() {
        gateway.post().uri(ApiKeyLookup.PATH).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"apiKey\":\"" + merchantKey("internal") + "\"}")
                .exchange()
                .expectStatus().isNotFound();

        assertThat(merchantService.lookUps()).isEmpty();
    }

    @Test
    void refuses_paths_that_a_service_would_resolve_to_another_route() throws Exception {
        String apiKey = merchantKey("traversal");
        // The JDK client sends the path as written; most clients would remove the dot segments first. The admin
        // listener, where /merchants is routed.
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/merchants/../internal/api-key-lookups", "/merchants/%2e%2e/internal/api-key-lookups",
                "/merchants/..;/internal/api-key-lookups", "/merchants/x%2f..%2f..%2finternal/api-key-lookups")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminListener.port() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + apiKey + "\"}"))
                    .build();

            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(400);
        }

        assertThat(merchantService.lookUps()).isEmpty();
        assertThat(merchantService.adminRequests()).isEmpty();
    }

    @Test
    void serves_each_service_api_docs_under_its_name_the_admin_apis_on_the_admin_listener() {
        gateway.get().uri("/v3/api-docs/payments").exchange().expectStatus().isCreated();
        gateway.get().uri("/v3/api-docs/webhooks").exchange().expectStatus().isCreated();
        admin().get().uri("/v3/api-docs/merchants").exchange().expectStatus().isOk();

        assertThat(paymentService.received("/v3/api-docs")).hasSize(1);
        assertThat(webhookService.received("/v3/api-docs")).hasSize(1);
        assertThat(merchantService.received("/v3/api-docs")).hasSize(1);
    }

    @Test
    void swagger_ui_lists_the_merchant_apis_only() {
        gateway.get().uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls.length()").isEqualTo(2)
                .jsonPath("$.urls[0].url").isEqualTo("/v3/api-docs/payments")
                .jsonPath("$.urls[1].url").isEqualTo("/v3/api-docs/webhooks");
    }

    @Test
    void gives_each_request_its_trace_id_as_request_id_and_passes_both_upstream() {
        String apiKey = merchantKey("request-id");

        String generated = gateway.get().uri("/payments/pay_generated").headers(headers -> headers.setBearerAuth(apiKey))
                .exchange()
                .expectStatus().isCreated()
                .returnResult(String.class).getResponseHeaders().getFirst("Cko-Request-Id");
        gateway.get().uri("/payments/pay_given").headers(headers -> headers.setBearerAuth(apiKey))
                .header("Cko-Request-Id", "order-5023-attempt-1")
                .exchange()
                .expectHeader().valueEquals("Cko-Request-Id", "order-5023-attempt-1");

        assertThat(generated).as("the id of the request's trace").matches("[0-9a-f]{32}");
        StubService.Request forwarded = paymentService.received("/payments/pay_generated").getLast();
        assertThat(forwarded.header("X-Request-Id")).isEqualTo(generated);
        assertThat(forwarded.header("traceparent")).as("the trace goes upstream")
                .matches("00-" + generated + "-[0-9a-f]{16}-0[01]");
        assertThat(paymentService.received("/payments/pay_given").getLast().header("X-Request-Id")).isEqualTo("order-5023-attempt-1");
    }

    @Test
    void does_not_log_api_keys(CapturedOutput output) {
        String apiKey = merchantKey("logging");
        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(apiKey)).exchange().expectStatus().isCreated();
        gateway.get().uri("/payments/pay_1").headers(headers -> headers.setBearerAuth(apiKey + "x")).exchange().expectStatus().isUnauthorized();

        assertThat(output.getAll()).doesNotContain(apiKey);
    }

    @Test
    void reports_readiness_and_liveness_on_the_public_port_and_nothing_else_of_its_actuator() {
        for (String probe : List.of("/readyz", "/livez")) {
            gateway.get().uri(probe).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
        for (String actuator : List.of("/actuator/health", "/actuator/prometheus")) {
            gateway.get().uri(actuator).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void serves_health_and_metrics_on_its_management_listener() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();

        management.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("http_server_requests_seconds_count")
                        .contains("application=\"api-gateway\""));
    }

    private WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + adminListener.port()).build();
    }

    /** A key of its own for each test, so that the shared cache does not couple tests. */
    private static String merchantKey(String test) {
        String apiKey = "sk_sbox_" + test + "_" + Integer.toHexString(test.hashCode());
        merchantService.knows(apiKey, DEMO_SHOP);
        return apiKey;
    }
}
