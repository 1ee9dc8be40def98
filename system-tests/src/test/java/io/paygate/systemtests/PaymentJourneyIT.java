package io.paygate.systemtests;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant's journey through the real stack: every service a separate JVM started by {@code ./paygate},
 * the MongoDB wire server, the local RabbitMQ and the Piggy Bank simulator, driven over HTTPS.
 */
@ExtendWith(SharedStack.Extension.class)
class PaymentJourneyIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    private static final String BANK_UNAVAILABLE_CARD = "4000000000000010";
    private static final List<String> CARDS = List.of(APPROVED_CARD, DECLINED_CARD, BANK_UNAVAILABLE_CARD);

    private static LocalStack stack;
    private static SharedStack shared;
    private static Gateway gateway;
    private static String apiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        shared = running;
        stack = running.local();
        gateway = running.gateway();
        apiKey = createMerchant("E2E Books");
    }

    @Test
    void never_has_the_bank_approve_a_payment_twice() {
        String paymentId = pay(APPROVED_CARD, 700, "GBP").text("id");
        assertThat(gateway.get("/payments/" + paymentId, apiKey).text("status")).isEqualTo("Authorized");

        JsonNode stats = bankStats();

        assertThat(stats.path("approvals").asLong()).isPositive();
        assertThat(stats.path("approved_more_than_once").asLong()).isZero();
        assertThat(stats.path("approvals_without_idempotency_key").asLong()).isZero();
        assertThat(stats.path("forgotten_idempotency_keys").asLong()).isZero();
    }

    @Test
    void authorises_a_card_the_bank_approves_and_reads_it_back_masked() {
        Gateway.Reply created = pay(APPROVED_CARD, 1050, "GBP");

        assertThat(created.status()).isEqualTo(201);
        JsonNode payment = created.json();
        assertThat(payment.path("id").asString()).matches("pay_[a-z2-7]{26}");
        assertThat(payment.path("status").asString()).isEqualTo("Authorized");
        assertThat(payment.path("approved").asBoolean()).isTrue();
        assertThat(payment.path("response_code").asString()).isEqualTo("10000");
        assertThat(payment.path("auth_code").asString()).isNotBlank();
        assertThat(payment.path("amount").asLong()).isEqualTo(1050);

        Gateway.Reply read = gateway.get("/payments/" + payment.path("id").asString(), apiKey);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asString()).isEqualTo("Authorized");
        assertThat(read.json().path("source").path("last4").asString()).isEqualTo("1111");
        assertThat(read.json().path("source").path("bin").asString()).isEqualTo("411111");
        assertThat(read.body()).doesNotContain(APPROVED_CARD);
    }

    @Test
    void declines_a_card_the_bank_refuses() {
        Gateway.Reply created = pay(DECLINED_CARD, 2000, "EUR");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("Declined");
        assertThat(created.json().path("approved").asBoolean()).isFalse();
        assertThat(created.text("response_code")).isEqualTo("20005");
        assertThat(gateway.get("/payments/" + created.text("id"), apiKey).text("status")).isEqualTo("Declined");
    }

    @Test
    void declines_as_issuer_unavailable_when_the_bank_stays_down_after_retries() {
        Gateway.Reply created = pay(BANK_UNAVAILABLE_CARD, 999, "GBP");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("Declined");
        assertThat(created.text("response_code")).isEqualTo("20091");
        assertThat(gateway.get("/payments/" + created.text("id"), apiKey).json().path("source").path("last4").asString())
                .isEqualTo("0010");
    }

    @Test
    void rejects_an_unknown_api_key_and_a_merchant_key_on_the_admin_api() {
        assertThat(gateway.post("/payments", "sk_sbox_" + "a".repeat(27), paymentJson(APPROVED_CARD, 100, "GBP")).status())
                .isEqualTo(401);
        assertThat(gateway.post("/payments", null, paymentJson(APPROVED_CARD, 100, "GBP")).status()).isEqualTo(401);
        assertThat(shared.admin().get("/merchants/mer_" + "a".repeat(26), apiKey).status()).isEqualTo(401);
    }

    @Test
    void hides_a_payment_from_other_merchants() {
        String paymentId = pay(APPROVED_CARD, 500, "GBP").text("id");
        String otherMerchantKey = createMerchant("E2E Other Shop");

        Gateway.Reply read = gateway.get("/payments/" + paymentId, otherMerchantKey);

        assertThat(read.status()).isEqualTo(404);
        assertThat(gateway.get("/payments/pay_" + "a".repeat(26), otherMerchantKey).body()).isEqualTo(read.body());
    }

    @Test
    void answers_an_invalid_request_with_every_error_and_sends_nothing_to_the_bank() {
        Gateway.Reply rejected = gateway.post("/payments", apiKey,
                "{\"source\":{\"type\":\"card\",\"number\":\"4111111111111112\",\"expiry_month\":13,"
                        + "\"expiry_year\":2030,\"cvv\":\"12\"},\"amount\":0,\"currency\":\"GBP\"}");

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.text("error_type")).isEqualTo("request_invalid");
        assertThat(rejected.json().path("error_codes").valueStream().map(JsonNode::asString))
                .contains("card_number_invalid", "card_expiry_month_invalid", "cvv_invalid", "amount_invalid");
    }

    @Test
    void keeps_payments_across_a_restart_and_never_stores_or_logs_a_card_number() throws IOException {
        String paymentId = pay(APPROVED_CARD, 4200, "USD").text("id");
        pay(DECLINED_CARD, 4300, "USD");
        pay(BANK_UNAVAILABLE_CARD, 4400, "USD");
        assertNoClearCardInTheDatabase();

        stack.down();
        try {
            assertNoClearCardIn(stack.home().resolve("logs"));
            assertNoClearCardIn(stack.home().resolve("data"));
        } finally {
            // The stack is shared with the other end-to-end classes.
            stack.up();
        }

        Gateway.Reply read = gateway.get("/payments/" + paymentId, apiKey);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("Authorized");
        assertThat(read.json().path("amount").asLong()).isEqualTo(4200);
        assertThat(pay(APPROVED_CARD, 4500, "USD").text("status")).isEqualTo("Authorized");
    }

    @Test
    void seals_cards_with_a_key_made_for_this_install_and_readable_by_its_owner_only() throws IOException {
        String[] cardKey = stack.secret("card-keys").split(":", 2);

        assertThat(cardKey[0]).isEqualTo("local-1");
        assertThat(Base64.getDecoder().decode(cardKey[1])).hasSize(32);
        assertThat(Files.getPosixFilePermissions(stack.home().resolve("secrets").resolve("card-keys")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(pay(APPROVED_CARD, 4600, "USD").text("status")).isEqualTo("Authorized");
    }

    private static Gateway.Reply pay(String card, long amount, String currency) {
        return gateway.post("/payments", apiKey, paymentJson(card, amount, currency));
    }

    private static String paymentJson(String card, long amount, String currency) {
        return """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123",
                            "name": "Jane Doe"},
                 "amount": %d, "currency": "%s", "reference": "ORD-%s",
                 "capture": false}
                """.formatted(card, amount, currency, UUID.randomUUID().toString().substring(0, 8));
    }

    private static String createMerchant(String name) {
        return shared.createMerchant(name, List.of("GBP", "EUR", "USD"));
    }

    private static JsonNode bankStats() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.port("PIGGYBANK_PORT") + "/simulator/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonMapper.builder().build().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoClearCardInTheDatabase() {
        List<String> documents = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + stack.port("MONGODB_PORT"))) {
            for (String databaseName : mongo.listDatabaseNames()) {
                MongoDatabase database = mongo.getDatabase(databaseName);
                for (String collection : database.listCollectionNames()) {
                    database.getCollection(collection).find().map(Document::toJson).into(documents);
                }
            }
        }
        assertThat(documents).isNotEmpty();
        assertThat(documents).allSatisfy(document -> assertThat(document).doesNotContain(CARDS));
    }

    private static void assertNoClearCardIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(CARDS);
            }
        }
    }
}
