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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The attacks of the security issue, tried against the real stack as a neighbour on the same machine would: each is
 * refused with the documented status, stores nothing and reaches no bank, while merchants' payments go on.
 */
@ExtendWith(SharedStack.Extension.class)
class SecurityIT {

    private static final String CARD = "4111111111111111";
    private static final List<String> INTERNAL_PORTS = List.of("PAYMENT_SERVICE_PORT", "PAYMENT_SERVICE_2_PORT",
            "MERCHANT_SERVICE_PORT", "ACQUIRER_PIGGYBANK_PORT", "PIGGYBANK_PORT", "MONGODB_PORT");

    private static LocalStack stack;
    private static Gateway gateway;
    private static String apiKey;
    private static String merchantId;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
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
