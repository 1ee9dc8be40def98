package io.paygate.systemtests;

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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant whose contract names the Lion Bank, through the real stack: the gateway, payment-service, the Lion Bank
 * adapter speaking ISO 8583 over TCP to the Lion Bank simulator, all started by {@code ./paygate} and driven over
 * HTTPS. The simulator decides by the amount's last two digits: 51 insufficient funds, 54 expired card, 91 issuer
 * unavailable (asked again, then given up), anything else approved.
 */
@ExtendWith(SharedStack.Extension.class)
class LionBankJourneyIT {

    private static final String CARD = "4111111111111111";

    private static LocalStack stack;
    private static Gateway gateway;
    private static String apiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        apiKey = running.createMerchant("E2E Lion Books", "lionbank", "lion-e2e", List.of("GBP", "EUR", "USD"));
    }

    @Test
    void authorises_a_payment_the_lion_bank_approves_and_reads_it_back_masked() {
        long approvalsBefore = bankStats().path("approvals").asLong();

        Gateway.Reply created = pay(1050, "GBP");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode payment = created.json();
        assertThat(payment.path("id").asString()).matches("pay_[a-z2-7]{26}");
        assertThat(payment.path("status").asString()).isEqualTo("Authorized");
        assertThat(payment.path("approved").asBoolean()).isTrue();
        assertThat(payment.path("response_code").asString()).isEqualTo("10000");
        assertThat(payment.path("auth_code").asString()).isNotBlank();

        Gateway.Reply read = gateway.get("/payments/" + payment.path("id").asString(), apiKey);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("Authorized");
        assertThat(read.json().path("amount").asLong()).isEqualTo(1050);
        assertThat(read.json().path("source").path("last4").asString()).isEqualTo("1111");
        assertThat(read.json().path("source").path("bin").asString()).isEqualTo("411111");
        assertThat(read.body()).doesNotContain(CARD);
        assertThat(read.json().at("/processing/acquirer").asString()).isEqualTo("lionbank");
        assertThat(read.json().at("/processing/retrieval_reference_number").asString()).matches("[0-9]{12}");

        // The approval came from the Lion Bank, once.
        JsonNode stats = bankStats();
        assertThat(stats.path("approvals").asLong()).isGreaterThan(approvalsBefore);
        assertThat(stats.path("approved_more_than_once").asLong()).isZero();
    }

    @Test
    void declines_for_insufficient_funds() {
        Gateway.Reply created = pay(2051, "EUR");

        assertDeclined(created, "20051");
    }

    @Test
    void declines_an_expired_card() {
        Gateway.Reply created = pay(2054, "USD");

        assertDeclined(created, "20054");
    }

    @Test
    void declines_as_issuer_unavailable_when_the_issuer_stays_unavailable_after_retries() {
        Gateway.Reply created = pay(2091, "GBP");

        assertDeclined(created, "20091");
        assertThat(gateway.get("/payments/" + created.text("id"), apiKey).json().path("source").path("last4").asString())
                .isEqualTo("1111");
    }

    private static void assertDeclined(Gateway.Reply created, String responseCode) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("Declined");
        assertThat(created.json().path("approved").asBoolean()).isFalse();
        assertThat(created.text("response_code")).isEqualTo(responseCode);
        Gateway.Reply read = gateway.get("/payments/" + created.text("id"), apiKey);
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.text("response_code")).isEqualTo(responseCode);
        assertThat(read.body()).doesNotContain(CARD);
    }

    private static Gateway.Reply pay(long amount, String currency) {
        return gateway.post("/payments", apiKey, """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123",
                            "name": "Jane Doe"},
                 "amount": %d, "currency": "%s", "reference": "LION-%s",
                 "capture": false}
                """.formatted(CARD, amount, currency, UUID.randomUUID().toString().substring(0, 8)));
    }

    private static JsonNode bankStats() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.port("LIONBANK_PORT") + "/simulator/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JsonMapper.builder().build().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
