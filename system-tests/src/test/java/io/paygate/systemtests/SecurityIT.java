package io.paygate.systemtests;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The attacks of the security issue, tried against the real stack as a neighbour on the same machine would: each is
 * refused with the documented status, stores nothing and reaches no bank, while merchants' payments go on.
 */
@ExtendWith(SharedStack.Extension.class)
class SecurityIT {

    private static final String CARD = "4111111111111111";
    /** The services' ports, and the gateway's admin listener, which the local run binds to loopback too. */
    private static final List<String> INTERNAL_PORTS = List.of("PAYMENT_SERVICE_PORT", "PAYMENT_SERVICE_2_PORT",
            "MERCHANT_SERVICE_PORT", "ACQUIRER_PIGGYBANK_PORT", "PIGGYBANK_PORT", "ACQUIRER_LIONBANK_PORT", "LIONBANK_PORT",
            "LIONBANK_ISO_PORT", "WEBHOOK_SERVICE_PORT", "MONGODB_PORT", "GATEWAY_ADMIN_PORT", "GATEWAY_MANAGEMENT_PORT");

    private static LocalStack stack;
    private static Gateway gateway;
    private static Gateway admin;
    private static String adminToken;
    private static String apiKey;
    private static String merchantId;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        admin = running.admin();
        adminToken = running.adminToken();
        apiKey = running.createMerchant("Security Books", List.of("GBP"));
        merchantId = merchantOf(apiKey);
    }

    @Test
    void nobody_but_the_gateway_can_pay_for_a_merchant_by_calling_payment_service_directly() throws Exception {
        String reference = "FORGED-" + UUID.randomUUID();
        HttpResponse<String> forged = direct(HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + stack.port("PAYMENT_SERVICE_PORT") + "/payments"))
                .header("Content-Type", "application/json")
                .header("X-PayGate-Merchant-Id", merchantId)
                .header("X-PayGate-Acquirer", "piggybank")
                .header("X-PayGate-Currencies", "GBP")
                .POST(HttpRequest.BodyPublishers.ofString(payment(reference))).build());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(storedPaymentsWithReference(reference)).isZero();
        assertThat(gateway.post("/payments", apiKey, payment("REAL-" + UUID.randomUUID())).status())
                .as("the merchant's own payments go on").isEqualTo(201);
    }

    @Test
    void nobody_but_the_gateway_can_look_up_api_keys_or_use_the_admin_api_behind_it() throws Exception {
        String base = "http://127.0.0.1:" + stack.port("MERCHANT_SERVICE_PORT");

        HttpResponse<String> lookUp = direct(HttpRequest.newBuilder()
                .uri(URI.create(base + "/internal/api-key-lookups"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\": \"" + apiKey + "\"}")).build());
        HttpResponse<String> admin = direct(HttpRequest.newBuilder()
                .uri(URI.create(base + "/merchants"))
                .header("Authorization", "Bearer " + stack.secret("admin-token")).GET().build());

        assertThat(lookUp.statusCode()).isEqualTo(401);
        assertThat(lookUp.body()).doesNotContain(merchantId);
        assertThat(admin.statusCode()).as("even with the admin token").isEqualTo(401);
    }

    @Test
    void no_service_but_the_gateway_listens_beyond_loopback() {
        Optional<InetAddress> outward = outwardAddress();
        assumeThat(outward).as("a non-loopback IPv4 address on this machine").isPresent();

        for (String port : INTERNAL_PORTS) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(outward.get(), stack.port(port)), 2_000);
                }
            }).as(port).isInstanceOf(IOException.class);
        }
    }

    @Test
    void refuses_an_oversized_body_with_413_and_stores_nothing() {
        String reference = "HUGE-" + UUID.randomUUID();
        String huge = payment(reference).replace("\"reference\"",
                "\"padding\": \"" + "x".repeat(70_000) + "\", \"reference\"");

        Gateway.Reply answer = gateway.post("/payments", apiKey, huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text("error_type")).isEqualTo("request_too_large");
        assertThat(storedPaymentsWithReference(reference)).isZero();
    }

    @Test
    void answers_as_a_banks_edge_would() {
        Gateway.Reply answer = gateway.get("/payments/pay_unknown", apiKey);

        assertThat(answer.response().headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000; includeSubDomains");
        assertThat(answer.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.response().headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void serves_the_admin_api_on_the_admin_listener_only() {
        String name = "Public Port Shop " + UUID.randomUUID();
        String merchant = """
                {"name": "%s", "acquirer": "piggybank", "acquirer_merchant_id": "piggy-e2e", "currencies": ["GBP"]}
                """.formatted(name);

        Gateway.Reply onThePublicPort = gateway.post("/merchants", adminToken, merchant);

        assertThat(onThePublicPort.status()).as("even with the admin token").isEqualTo(404);
        assertThat(onThePublicPort.text("error_type")).isEqualTo("not_found");
        assertThat(gateway.get("/v3/api-docs/merchants", null).status()).isEqualTo(404);
        assertThat(storedMerchantsNamed(name)).isZero();
        assertThat(admin.get("/payments/pay_unknown", apiKey).status()).as("no payment API on the admin listener")
                .isEqualTo(404);
        assertThat(admin.post("/merchants", adminToken, merchant).status()).isEqualTo(201);
        assertThat(storedMerchantsNamed(name)).isOne();
        assertThat(stack.status()).containsPattern("(?m)^api-gateway \\(admin\\) +[0-9]+ +"
                + stack.port("GATEWAY_ADMIN_PORT") + " +UP$");
    }

    @Test
    void writes_an_audit_line_for_every_admin_call_without_its_secrets() throws IOException {
        Gateway.Reply created = admin.post("/merchants", adminToken, """
                {"name": "Audited Shop", "acquirer": "piggybank", "acquirer_merchant_id": "piggy-e2e",
                 "currencies": ["GBP"]}""");
        String merchantId = created.text("id");
        assertThat(admin.get("/merchants/" + merchantId, "adm_wrongwrongwrongwrongwrongwrongwrong").status())
                .isEqualTo(401);

        Path log = stack.home().resolve("logs/merchant-service.log");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("admin call who=local method=POST path=/merchants status=201 client=127.0.0.1")
                .contains("admin call who=unknown method=GET path=/merchants/" + merchantId + " status=401"));
        assertThat(Files.readString(log)).doesNotContain(adminToken).doesNotContain(created.text("api_key"))
                .doesNotContain("adm_wrongwrongwrongwrongwrongwrongwrong");
    }

    @Test
    void refuses_a_merchant_past_its_own_rate_limit_with_429_storing_nothing() {
        Gateway.Reply created = admin.post("/merchants", adminToken, """
                {"name": "One Per Second Shop", "acquirer": "piggybank", "acquirer_merchant_id": "piggy-e2e",
                 "currencies": ["GBP"], "requests_per_second": 1}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String slowKey = created.text("api_key");
        String reference = "LIMITED-" + UUID.randomUUID();

        // A quick request spends the second's one request; the payment right after it is refused.
        assertThat(gateway.get("/payments/pay_unknown", slowKey).status()).isEqualTo(404);
        Gateway.Reply refused = gateway.post("/payments", slowKey, payment(reference));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.text("error_type")).isEqualTo("too_many_requests");
        assertThat(refused.json().path("error_codes").get(0).asString()).isEqualTo("rate_limit_exceeded");
        assertThat(storedPaymentsWithReference(reference)).isZero();
        assertThat(gateway.post("/payments", apiKey, payment("UNLIMITED-" + UUID.randomUUID())).status())
                .as("other merchants' payments go on").isEqualTo(201);
    }

    @Test
    void nobody_but_the_tests_can_make_the_bank_fail_under_the_gateway() throws Exception {
        URI faults = URI.create("http://127.0.0.1:" + stack.port("PIGGYBANK_PORT") + "/simulator/faults");
        String before = direct(HttpRequest.newBuilder(faults).GET().build()).body();

        HttpResponse<String> down = direct(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"down\": true}")).build());
        HttpResponse<String> reset = direct(HttpRequest.newBuilder(faults).DELETE().build());

        assertThat(down.statusCode()).isEqualTo(401);
        assertThat(reset.statusCode()).isEqualTo(401);
        assertThat(direct(HttpRequest.newBuilder(faults).GET().build()).body()).isEqualTo(before);
        assertThat(gateway.post("/payments", apiKey, payment("BANK-UP-" + UUID.randomUUID())).status()).isEqualTo(201);
    }

    @Test
    void never_prints_the_admin_token_only_where_it_is_kept() throws IOException {
        String printed = Files.readString(stack.home().resolve("paygate-command.log"));

        assertThat(printed).contains("PayGate is up.").contains("secrets/admin-token")
                .doesNotContain(stack.secret("admin-token"));
    }

    private static String payment(String reference) {
        return """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": 1050, "currency": "GBP", "reference": "%s"}""".formatted(CARD, reference);
    }

    private static String merchantOf(String key) {
        Gateway.Reply paid = gateway.post("/payments", key, payment("WHO-" + UUID.randomUUID()));
        try (MongoClient mongo = mongo()) {
            Document payment = mongo.getDatabase("paygate-payments").getCollection("payments")
                    .find(new Document("_id", paid.text("id"))).first();
            return payment.getString("merchantId");
        }
    }

    private static long storedPaymentsWithReference(String reference) {
        try (MongoClient mongo = mongo()) {
            return mongo.getDatabase("paygate-payments").getCollection("payments")
                    .countDocuments(new Document("reference", reference));
        }
    }

    private static long storedMerchantsNamed(String name) {
        try (MongoClient mongo = mongo()) {
            return mongo.getDatabase("paygate-merchants").getCollection("merchants")
                    .countDocuments(new Document("name", name));
        }
    }

    private static MongoClient mongo() {
        return MongoClients.create("mongodb://127.0.0.1:" + stack.port("MONGODB_PORT"));
    }

    /** A request straight to a service's port, as anything on the machine could send it. */
    private static HttpResponse<String> direct(HttpRequest request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Optional<InetAddress> outwardAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(network -> {
                        try {
                            return network.isUp() && !network.isLoopback();
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
