package io.paygate.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of one payment: a single trace from the gateway through payment-service, RabbitMQ, the
 * adapter and the bank, back, and on to the webhook delivery; its trace id as the merchant's {@code Cko-Request-Id}
 * and in every service's log lines about it; and the business metrics on each service's Prometheus endpoint.
 */
@ExtendWith(SharedStack.Extension.class)
class ObservabilityIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SharedStack stack;
    private static String apiKey;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void registerAMerchantWithAWebhook(SharedStack shared) {
        stack = shared;
        apiKey = stack.createMerchant("Observed Shop", List.of("GBP"));
        receiver = WebhookReceiver.accepting();
        Gateway.Reply registered = stack.gateway().post("/webhooks", apiKey, """
                {"url": "%s", "event_types": ["payment_approved"]}
                """.formatted(receiver.url()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopReceiving() {
        receiver.close();
    }

    @Test
    void follows_one_payment_through_every_service_in_one_trace() {
        Gateway.Reply paid = pay();
        String paymentId = paid.text("id");
        String traceId = paid.response().headers().firstValue("Cko-Request-Id").orElseThrow();
        assertThat(traceId).as("the request id is the trace id").matches("[0-9a-f]{32}");

        // Each service exports its spans in batches of its own: a span may arrive before its parent does.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<OtlpCollector.Span> trace = OtlpCollector.shared().trace(traceId);
            assertThat(trace).extracting(OtlpCollector.Span::service).contains("api-gateway", "payment-service",
                    "acquirer-piggybank-service", "webhook-service");
            assertThat(trace).extracting(OtlpCollector.Span::name)
                    .contains("piggybank authorize", "webhook delivery payment_approved");
            assertThat(trace).as("the command and its result are each handled under a span of the message's own")
                    .extracting(span -> span.service() + ": " + span.name())
                    .contains("acquirer-piggybank-service: AuthorizePayment receive",
                            "payment-service: AuthorizationResult receive");
            Set<String> spanIds = trace.stream().map(OtlpCollector.Span::spanId).collect(Collectors.toSet());
            assertThat(trace).as("one root, the gateway's; every other span's parent is in the trace")
                    .filteredOn(span -> !spanIds.contains(span.parentSpanId()))
                    .singleElement().satisfies(root -> assertThat(root.service()).isEqualTo("api-gateway"));
        });
        assertThat(receiver.delivered()).extracting(WebhookReceiver.Received::paymentId).contains(paymentId);

        Map<String, List<String>> linesWithTheTraceId = logLinesContaining(traceId);
        assertThat(linesWithTheTraceId.keySet()).as("services whose logs have the trace id")
                .contains("api-gateway", "payment-service", "acquirer-piggybank-service");
        assertThat(linesWithTheTraceId.get("api-gateway")).anySatisfy(line -> assertThat(line)
                .contains("io.paygate.gateway.access").contains("POST /payments 201"));
        assertThat(linesWithTheTraceId.get("payment-service")).anySatisfy(line -> assertThat(line)
                .contains("Payment " + paymentId + " is Authorized (10000) by piggybank after"));
        assertThat(linesWithTheTraceId.get("acquirer-piggybank-service")).anySatisfy(line -> assertThat(line)
                .contains("Payment " + paymentId + ": Approved (10000) from piggybank after"));
        assertThat(linesWithTheTraceId.values().stream().flatMap(List::stream)).noneMatch(line -> line.contains(APPROVED_CARD));
    }

    @Test
    void shows_the_business_metrics_on_each_service_and_no_merchant() {
        pay();
        // The decision is counted by whichever of the two instances the gateway gave the request to.
        String payments = metrics("PAYMENT_SERVICE_PORT") + metrics("PAYMENT_SERVICE_2_PORT");
        assertThat(payments)
                .containsPattern("paygate_payments_total\\{acquirer=\"piggybank\",application=\"payment-service\","
                        + "response_code=\"10000\",status=\"authorized\"} [1-9]")
                .contains("paygate_payment_authorization_seconds_bucket{acquirer=\"piggybank\"")
                .contains("paygate_owed_work_oldest_seconds{application=\"payment-service\",kind=\"authorization\"}")
                .contains("paygate_dead_letter_messages{application=\"payment-service\"");
        assertThat(metrics("ACQUIRER_PIGGYBANK_PORT"))
                .contains("paygate_acquirer_requests_seconds_bucket{acquirer=\"piggybank\"")
                .contains("paygate_acquirer_circuit_state{acquirer=\"piggybank\",application=\"acquirer-piggybank-service\",state=\"closed\"} 1.0");
        assertThat(metrics("GATEWAY_MANAGEMENT_PORT")).contains("http_server_requests_seconds_count{");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics("WEBHOOK_SERVICE_PORT"))
                .contains("paygate_webhook_attempts_seconds_count{answer=\"2xx\""));
        for (String port : List.of("PAYMENT_SERVICE_PORT", "ACQUIRER_PIGGYBANK_PORT", "WEBHOOK_SERVICE_PORT",
                "MERCHANT_SERVICE_PORT", "GATEWAY_MANAGEMENT_PORT")) {
            assertThat(metrics(port)).as(port).doesNotContain("mer_").doesNotContain("pay_").doesNotContain(APPROVED_CARD);
        }
    }

    private static Gateway.Reply pay() {
        Gateway.Reply paid = stack.gateway().post("/payments", apiKey, UUID.randomUUID().toString(), """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": 1250, "currency": "GBP", "reference": "OBSERVED-1"}
                """.formatted(APPROVED_CARD));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid;
    }

    private static String metrics(String portVariable) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.local().port(portVariable)
                + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(portVariable).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each service's log lines holding the text; a second payment-service instance counts as payment-service. */
    private static Map<String, List<String>> logLinesContaining(String text) {
        try (Stream<Path> logs = Files.list(stack.local().home().resolve("logs"))) {
            return logs.filter(log -> log.toString().endsWith(".log")).collect(Collectors.toMap(
                    log -> log.getFileName().toString().replaceAll("(-[0-9]+)?\\.log$", ""),
                    log -> lines(log).filter(line -> line.contains(text)).toList(),
                    (one, other) -> Stream.concat(one.stream(), other.stream()).toList()))
                    .entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path log) {
        try {
            return Files.readAllLines(log).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
