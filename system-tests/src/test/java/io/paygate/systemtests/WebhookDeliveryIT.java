package io.paygate.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end: payments made over HTTPS through the gateway, their events received by a real HTTP endpoint
 * ({@link WebhookReceiver}) that checks every signature as a merchant would.
 *
 * <p>This class runs on a stack of its own: an authorisation lifetime of seconds (for {@code payment_expired}) would
 * expire the payments the other classes authorise and capture later. Its settings: a short retry schedule (attempts
 * 1 s, 2 s, 3 s ... apart, 87 s in all, long enough to outlast a restart of webhook-service), a first re-send of an
 * unanswered command after 2 s (for {@code payment_pending}; requests answer {@code 202} after 2 s too), and one
 * payment-service instance. Every test has a merchant of its own, so that no test sees another's events.
 */
class WebhookDeliveryIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    private static final String WEBHOOK_SERVICE = "webhook-service";
    private static final List<String> EVENT_TYPES = List.of("payment_approved", "payment_declined", "payment_pending",
            "payment_expired", "payment_captured", "payment_capture_declined", "payment_voided",
            "payment_void_declined", "payment_refunded", "payment_refund_declined");
    private static final String SHOP_AUTHORIZATION = "Bearer shop-webhook-token-7f3a";
    private static final String AUTHORIZATION_LIFETIME = "15s";
    /** The Piggy Bank's answer time for the pending payment: past the first re-send (2 s, swept every 0.5 s). */
    private static final int SLOW_BANK_MS = 4000;
    /** {@code WEBHOOK_DELIVERY_PER_ENDPOINT}'s default: attempts one instance has in flight to one endpoint. */
    private static final int ATTEMPTS_PER_ENDPOINT = 4;

    private static SharedStack stack;
    private static Gateway gateway;
    private static PiggyBank bank;
    private static final HttpClient BANK_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void startAStackOfItsOwn() {
        stack = SharedStack.start(new LocalStack("webhooks", Map.of(
                "PAYMENT_AUTHORIZATION_LIFETIME", AUTHORIZATION_LIFETIME,
                // A re-send may not come before the request stops waiting for the answer.
                "AUTHORIZATION_TIMEOUT", "2s",
                "PAYMENT_RESEND_AFTER", "2s",
                "PAYGATE_PAYMENTS_SWEEPINTERVAL", "500ms",
                "WEBHOOK_RETRY_SCHEDULE", "1s,2s,3s,5s,8s,13s,21s,34s",
                "PAYMENT_SERVICE_INSTANCES", "1")));
        gateway = stack.gateway();
        bank = new PiggyBank(stack.local());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Whatever a test did: its receivers closed, the bank fast again, webhook-service running. */
    @AfterEach
    void restore() {
        receivers.forEach(WebhookReceiver::close);
        bank.clearFaults();
        if (!stack.local().isRunning(WEBHOOK_SERVICE)) {
            stack.local().start(WEBHOOK_SERVICE);
        }
    }

    @Test
    void delivers_every_event_type_signed_with_the_endpoints_header_and_no_card_number() {
        String apiKey = stack.createMerchant("Webhooks Every Event Shop", List.of("GBP"));
        WebhookReceiver receiver = receiver(WebhookReceiver.accepting());
        Endpoint endpoint = register(apiKey, receiver, EVENT_TYPES);
        Map<String, Expected> expected = new HashMap<>();

        // First, so that its lifetime runs out while the others are made.
        Gateway.Reply expiring = authorised(apiKey, 1100, false);
        Gateway.Reply refunded = authorised(apiKey, 1200, true);
        Gateway.Reply declined = pay(apiKey, DECLINED_CARD, 1300, true);
        assertThat(declined.text("status")).as(declined.body()).isEqualTo("Declined");
        Gateway.Reply voided = authorised(apiKey, 1400, false);
        Gateway.Reply captureDeclined = authorised(apiKey, 1500, false);
        Gateway.Reply voidDeclined = authorised(apiKey, 1600, false);
        Gateway.Reply refundDeclined = authorised(apiKey, 1700, true);

        expected.put("payment_approved", new Expected(refunded.text("id"), refunded.text("action_id"), 1200,
                Map.of("total_authorized", 1200L, "total_voided", 0L, "total_captured", 0L), "10000"));
        expected.put("payment_declined", new Expected(declined.text("id"), declined.text("action_id"), 1300,
                Map.of("total_authorized", 0L, "total_captured", 0L), "20005"));

        String voidId = action(apiKey, voided.text("id"), "voids", "{}");
        expected.put("payment_voided", new Expected(voided.text("id"), voidId, 1400,
                Map.of("total_voided", 1400L, "available_to_capture", 0L, "available_to_void", 0L), "10000"));

        // Behind the gateway's back: the bank releases the authorisation, so the gateway's capture is declined ...
        bankAction(captureDeclined.text("id"), "voids", "{}");
        String declinedCaptureId = action(apiKey, captureDeclined.text("id"), "captures", "{}");
        expected.put("payment_capture_declined", new Expected(captureDeclined.text("id"), declinedCaptureId, 1500,
                Map.of("total_captured", 0L, "available_to_capture", 1500L), "20012"));

        // ... the bank captures it all, so the gateway's void is declined ...
        bankAction(voidDeclined.text("id"), "captures", "{\"amount\": 1600, \"final\": true}");
        String declinedVoidId = action(apiKey, voidDeclined.text("id"), "voids", "{}");
        expected.put("payment_void_declined", new Expected(voidDeclined.text("id"), declinedVoidId, 1600,
                Map.of("total_voided", 0L, "available_to_void", 1600L), "20012"));

        // ... and the bank refunds it all, so the gateway's refund is more than is left there.
        awaitStatus(apiKey, refundDeclined.text("id"), "Captured");
        bankAction(refundDeclined.text("id"), "refunds", "{\"amount\": 1700}");
        String declinedRefundId = action(apiKey, refundDeclined.text("id"), "refunds", "{\"amount\": 1700}");
        expected.put("payment_refund_declined", new Expected(refundDeclined.text("id"), declinedRefundId, 1700,
                Map.of("total_captured", 1700L, "total_refunded", 0L, "available_to_refund", 1700L), "20013"));

        awaitStatus(apiKey, refunded.text("id"), "Captured");
        expected.put("payment_captured", new Expected(refunded.text("id"),
                actionId(apiKey, refunded.text("id"), "Capture"), 1200,
                Map.of("total_authorized", 1200L, "total_captured", 1200L, "available_to_capture", 0L), "10000"));
        String refundId = action(apiKey, refunded.text("id"), "refunds", "{\"amount\": 400}");
        expected.put("payment_refunded", new Expected(refunded.text("id"), refundId, 400,
                Map.of("total_captured", 1200L, "total_refunded", 400L, "available_to_refund", 800L), "10000"));

        // Every action above is answered before the bank is slowed down for the pending payment.
        awaitDelivered(receiver, expected);

        bank.injectFaults("{\"latency_fixed_ms\": " + SLOW_BANK_MS + "}");
        Gateway.Reply pending = pay(apiKey, APPROVED_CARD, 1900, true);
        expected.put("payment_pending", new Expected(pending.text("id"), pending.text("action_id"), 1900,
                Map.of("total_authorized", 0L, "total_captured", 0L), null));
        await().atMost(Duration.ofSeconds(20)).alias("payment_pending delivered")
                .until(() -> deliveredOf(receiver, "payment_pending", pending.text("id")) != null);
        bank.clearFaults();

        expected.put("payment_expired", new Expected(expiring.text("id"),
                null, 1100, Map.of("total_authorized", 1100L, "total_voided", 1100L, "total_captured", 0L,
                "available_to_capture", 0L), "10000"));
        awaitDelivered(receiver, expected);
        expected.put("payment_expired", expected.get("payment_expired")
                .withActionId(actionId(apiKey, expiring.text("id"), "Void")));

        for (String type : EVENT_TYPES) {
            Expected wanted = expected.get(type);
            WebhookReceiver.Received event = deliveredOf(receiver, type, wanted.paymentId());
            JsonNode data = event.json().path("data");
            assertThat(event.eventId()).as(type).matches("evt_[a-z2-7]{26}");
            assertThat(event.header("Cko-Event-Id")).as(type).isEqualTo(event.eventId());
            assertThat(data.path("action_id").asString()).as(type).isEqualTo(wanted.actionId());
            assertThat(data.path("amount").asLong()).as(type).isEqualTo(wanted.amount());
            assertThat(data.path("currency").asString()).as(type).isEqualTo("GBP");
            assertThat(data.has("response_code") ? data.path("response_code").asString() : null).as(type)
                    .isEqualTo(wanted.responseCode());
            wanted.balances().forEach((balance, amount) ->
                    assertThat(data.path("balances").path(balance).asLong()).as(type + " " + balance).isEqualTo(amount));
            assertThat(data.path("source").path("last4").asString()).as(type)
                    .isEqualTo(type.equals("payment_declined") ? "4242" : "1111");
            assertThat(event.json().path("_links").path("payment").path("href").asString()).as(type)
                    .isEqualTo(gateway.baseUri().resolve("/payments/" + wanted.paymentId()).toString());
        }
        assertThat(receiver.received()).allSatisfy(request -> {
            assertThat(request.signedWith(endpoint.signingSecret())).as("signature of " + request.text()).isTrue();
            assertThat(request.header("Authorization")).isEqualTo(SHOP_AUTHORIZATION);
            assertThat(request.header("Content-Type")).startsWith("application/json");
            // "cvv" as a JSON key: the base32 ids may hold those three letters.
            assertThat(request.text()).doesNotContain(APPROVED_CARD, DECLINED_CARD, "\"cvv\"");
            assertThat(CardDataScanner.scan(request.type(), request.text())).isEmpty();
        });
        System.out.println("WEBHOOKS every-type: requests=" + receiver.received().size() + " types="
                + receiver.delivered().stream().map(WebhookReceiver.Received::type).distinct().sorted().toList());
    }

    @Test
    void delivers_an_event_on_the_third_attempt_to_an_endpoint_that_failed_twice() {
        String apiKey = stack.createMerchant("Webhooks Flaky Shop", List.of("GBP"));
        WebhookReceiver receiver = receiver(WebhookReceiver.listening(request -> request <= 2 ? 500 : 200,
                Duration.ZERO));
        Endpoint endpoint = register(apiKey, receiver, List.of("payment_approved"));

        String paymentId = authorised(apiKey, 2100, true).text("id");

        await().atMost(Duration.ofSeconds(20)).alias("the third attempt")
                .until(() -> !receiver.delivered().isEmpty());
        List<WebhookReceiver.Received> attempts = receiver.received();
        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::eventId).containsOnly(attempts.getFirst().eventId());
        assertThat(attempts).extracting(WebhookReceiver.Received::paymentId).containsOnly(paymentId);
        assertThat(attempts).extracting(WebhookReceiver.Received::text).containsOnly(attempts.getFirst().text());
        assertThat(attempts).allMatch(attempt -> attempt.signedWith(endpoint.signingSecret()));
        // The schedule's first two waits, 1 s then 2 s, with the sweeper's 1 s pace (and a busy machine) on top.
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isBetween(
                Duration.ofMillis(950), Duration.ofSeconds(5));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isBetween(
                Duration.ofMillis(1950), Duration.ofSeconds(6));

        await().atMost(Duration.ofSeconds(10)).alias("the delivery log").untilAsserted(() -> {
            JsonNode deliveries = deliveries(apiKey, endpoint.id());
            assertThat(deliveries).hasSize(1);
            JsonNode delivery = deliveries.get(0);
            assertThat(delivery.path("event_id").asString()).isEqualTo(attempts.getFirst().eventId());
            assertThat(delivery.path("event_type").asString()).isEqualTo("payment_approved");
            assertThat(delivery.path("status").asString()).isEqualTo("succeeded");
            assertThat(StreamSupport.stream(delivery.path("attempts").spliterator(), false)
                    .map(attempt -> attempt.path("status_code").asInt())).containsExactly(500, 500, 200);
            assertThat(delivery.path("attempts").get(0).path("error").asString()).isEqualTo("http_500");
            assertThat(delivery.has("next_attempt_on")).isFalse();
        });
    }

    @Test
    void loses_no_event_when_webhook_service_is_killed_while_the_endpoint_is_down() {
        String apiKey = stack.createMerchant("Webhooks Crash Shop", List.of("GBP"));
        WebhookReceiver receiver = receiver(WebhookReceiver.accepting());
        Endpoint endpoint = register(apiKey, receiver, EVENT_TYPES);
        receiver.stopListening();
        Set<String> expected = new HashSet<>();

        List<String> beforeTheCrash = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean approved = i % 3 != 2;
            Gateway.Reply payment = pay(apiKey, approved ? APPROVED_CARD : DECLINED_CARD, 3100 + i, true);
            beforeTheCrash.add(payment.text("id"));
            expected.addAll(approved ? List.of(payment.text("id") + " payment_approved",
                    payment.text("id") + " payment_captured") : List.of(payment.text("id") + " payment_declined"));
        }
        beforeTheCrash.forEach(id -> awaitFinal(apiKey, id));
        // Every event is stored as a delivery, and its first attempt found nothing listening.
        await().atMost(Duration.ofSeconds(15)).alias("failed first attempts").untilAsserted(() -> {
            JsonNode deliveries = deliveries(apiKey, endpoint.id());
            assertThat(deliveries).hasSizeGreaterThanOrEqualTo(expected.size());
            assertThat(deliveries).allSatisfy(delivery ->
                    assertThat(delivery.path("attempts").path(0).path("error").asString()).isEqualTo("connection_refused"));
        });

        stack.local().kill(WEBHOOK_SERVICE);
        // Made while no consumer reads the events: they wait in the broker.
        List<String> whileDead = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Gateway.Reply payment = pay(apiKey, APPROVED_CARD, 3200 + i, true);
            whileDead.add(payment.text("id"));
            expected.addAll(List.of(payment.text("id") + " payment_approved", payment.text("id") + " payment_captured"));
        }
        whileDead.forEach(id -> awaitFinal(apiKey, id));
        receiver.listen();
        Instant restarted = Instant.now();
        stack.local().start(WEBHOOK_SERVICE);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).alias("every event delivered")
                .until(() -> deliveredEvents(receiver).containsAll(expected));
        List<WebhookReceiver.Received> delivered = receiver.delivered();
        Map<String, Long> copies = delivered.stream()
                .filter(event -> expected.contains(event.paymentId() + " " + event.type()))
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
        assertThat(copies).as("one event id per expected event").hasSize(expected.size());
        // A payment answered after its first re-send (a busy machine) also tells of itself as pending: nothing else.
        assertThat(delivered).filteredOn(event -> !expected.contains(event.paymentId() + " " + event.type()))
                .extracting(WebhookReceiver.Received::type).isSubsetOf("payment_pending");
        assertThat(delivered).allMatch(event -> event.signedWith(endpoint.signingSecret()));
        System.out.println("WEBHOOKS kill-webhook-service: events=" + expected.size() + " distinct_delivered="
                + copies.size() + " delivered=" + delivered.size() + " requests=" + receiver.received().size()
                + " last_after_restart_s=" + Duration.between(restarted, delivered.stream()
                .map(WebhookReceiver.Received::at).max(Instant::compareTo).orElseThrow()).toSeconds());
    }

    @Test
    void delivers_one_endpoints_event_at_once_while_another_merchants_endpoint_is_slow() {
        String slowKey = stack.createMerchant("Webhooks Slow Shop", List.of("GBP"));
        String quickKey = stack.createMerchant("Webhooks Quick Shop", List.of("GBP"));
        WebhookReceiver slow = receiver(WebhookReceiver.listening(request -> 200, Duration.ofSeconds(8)));
        WebhookReceiver quick = receiver(WebhookReceiver.accepting());
        register(slowKey, slow, EVENT_TYPES);
        Endpoint quickEndpoint = register(quickKey, quick, List.of("payment_approved"));

        for (int i = 0; i < 3; i++) {
            authorised(slowKey, 4100 + i, true);
        }
        await().atMost(Duration.ofSeconds(10)).alias("the slow endpoint's lane full")
                .until(() -> slow.inFlight() >= ATTEMPTS_PER_ENDPOINT);

        String paymentId = authorised(quickKey, 4200, true).text("id");
        Instant answered = Instant.now();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).alias("the quick endpoint's event")
                .until(() -> deliveredOf(quick, "payment_approved", paymentId) != null);

        WebhookReceiver.Received event = deliveredOf(quick, "payment_approved", paymentId);
        assertThat(event.signedWith(quickEndpoint.signingSecret())).isTrue();
        assertThat(slow.inFlight()).as("the slow endpoint's attempts still in flight").isPositive();
        System.out.println("WEBHOOKS slow-endpoint: quick_event_after_ms="
                + Duration.between(answered, event.at()).toMillis() + " slow_in_flight=" + slow.inFlight());
    }

    @Test
    void refuses_an_endpoint_on_the_cloud_metadata_address_in_every_spelling() {
        String apiKey = stack.createMerchant("Webhooks Metadata Shop", List.of("GBP"));
        // The stack allows local endpoints (its receivers listen on 127.0.0.1), but never a link-local or metadata
        // address, nor any spelling that is not the address any client would connect to, nor a URL with user info.
        List<String> urls = List.of(
                "https://169.254.169.254/latest/meta-data/",
                "http://169.254.169.254/latest/meta-data/",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://2852039166/latest/meta-data/",
                "https://0xa9fea9fe/latest/meta-data/",
                "https://0251.0376.0251.0376/latest/meta-data/",
                "https://169.254.43518/latest/meta-data/",
                "https://shop.example.com@169.254.169.254/latest/meta-data/",
                "ftp://169.254.169.254/latest/meta-data/");

        for (String url : urls) {
            Gateway.Reply refused = gateway.post("/webhooks", apiKey, """
                    {"url": "%s", "event_types": ["payment_approved"]}
                    """.formatted(url));
            assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.text("error_type")).as(url).isEqualTo("request_invalid");
            assertThat(refused.json().path("error_codes").values()).as(url)
                    .extracting(JsonNode::asString).containsExactly("url_invalid");
        }
        Gateway.Reply listed = gateway.get("/webhooks", apiKey);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).isEmpty();
    }

    /** What the test knows an event of one type must say. {@code actionId} null: not known until it arrived. */
    private record Expected(String paymentId, String actionId, long amount, Map<String, Long> balances,
                            String responseCode) {

        Expected withActionId(String id) {
            return new Expected(paymentId, id, amount, balances, responseCode);
        }
    }

    private record Endpoint(String id, String signingSecret) {
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private static Endpoint register(String apiKey, WebhookReceiver receiver, List<String> eventTypes) {
        Gateway.Reply created = gateway.post("/webhooks", apiKey, """
                {"url": "%s", "event_types": [%s], "headers": {"Authorization": "%s"}}
                """.formatted(receiver.url(), eventTypes.stream().map(type -> '"' + type + '"')
                .collect(Collectors.joining(", ")), SHOP_AUTHORIZATION));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("signing_secret")).startsWith("whsec_");
        return new Endpoint(created.text("id"), created.text("signing_secret"));
    }

    private static Gateway.Reply pay(String apiKey, String card, long amount, boolean capture) {
        Gateway.Reply paid = gateway.post("/payments", apiKey, UUID.randomUUID().toString(), """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "GBP", "reference": "WEBHOOK-%d", "capture": %b}
                """.formatted(card, amount, amount, capture));
        assertThat(paid.status()).as(paid.body()).isIn(201, 202);
        return paid;
    }

    /** A payment the bank approved, answered {@code 201 Authorized}. */
    private static Gateway.Reply authorised(String apiKey, long amount, boolean capture) {
        Gateway.Reply paid = pay(apiKey, APPROVED_CARD, amount, capture);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.text("status")).as(paid.body()).isEqualTo("Authorized");
        return paid;
    }

    /** Asks the gateway for a capture, void or refund; returns the action's id. */
    private static String action(String apiKey, String paymentId, String actions, String body) {
        Gateway.Reply accepted = gateway.post("/payments/" + paymentId + "/" + actions, apiKey,
                UUID.randomUUID().toString(), body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.text("action_id");
    }

    /** The id of the payment's (first) action of this type, as {@code GET /payments/{id}/actions} lists them. */
    private static String actionId(String apiKey, String paymentId, String type) {
        Gateway.Reply actions = gateway.get("/payments/" + paymentId + "/actions", apiKey);
        assertThat(actions.status()).as(actions.body()).isEqualTo(200);
        return actions.json().values().stream().filter(action -> action.path("type").asString().equals(type))
                .map(action -> action.path("id").asString()).reduce((newer, older) -> older).orElseThrow();
    }

    /** An action at the Piggy Bank itself, outside the gateway, which the bank approves. */
    private static void bankAction(String paymentId, String actions, String body) {
        URI uri = URI.create("http://127.0.0.1:" + stack.local().port("PIGGYBANK_PORT") + "/payments/" + paymentId
                + "/" + actions);
        try {
            HttpResponse<String> answer = BANK_CLIENT.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(uri.toString()).contains("\"approved\":true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStatus(String apiKey, String paymentId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).alias(paymentId + " " + status)
                .until(() -> gateway.get("/payments/" + paymentId, apiKey).text("status").equals(status));
    }

    /** Until the payment is declined, or captured in full (its last event made). */
    private static void awaitFinal(String apiKey, String paymentId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).alias(paymentId + " final")
                .until(() -> Set.of("Declined", "Captured")
                        .contains(gateway.get("/payments/" + paymentId, apiKey).text("status")));
    }

    private static JsonNode deliveries(String apiKey, String endpointId) {
        Gateway.Reply page = gateway.get("/webhooks/" + endpointId + "/deliveries?limit=100", apiKey);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("data");
    }

    private static void awaitDelivered(WebhookReceiver receiver, Map<String, Expected> expected) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .alias("delivered: " + expected.keySet())
                .until(() -> expected.entrySet().stream()
                        .allMatch(wanted -> deliveredOf(receiver, wanted.getKey(), wanted.getValue().paymentId()) != null));
    }

    /** The first delivered event of this type about this payment, or null. */
    private static WebhookReceiver.Received deliveredOf(WebhookReceiver receiver, String type, String paymentId) {
        return receiver.delivered().stream()
                .filter(event -> event.type().equals(type) && event.paymentId().equals(paymentId))
                .findFirst().orElse(null);
    }

    /** "payment id type" of every event delivered. */
    private static Set<String> deliveredEvents(WebhookReceiver receiver) {
        return receiver.delivered().stream().map(event -> event.paymentId() + " " + event.type())
                .collect(Collectors.toSet());
    }
}
