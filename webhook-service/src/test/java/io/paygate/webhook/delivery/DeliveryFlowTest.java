package io.paygate.webhook.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paygate.events.MessageHeaders;
import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentEventType;
import io.paygate.events.PaymentEvents;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.OwnVirtualHost;
import io.paygate.testing.TestInfrastructure;
import io.paygate.webhook.RunningServiceTest;
import io.paygate.webhook.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events as deployed: signed PaymentEvents batches published on the payment events exchange of real RabbitMQ (a
 * virtual host of the class's own), deliveries in the MongoDB wire server, attempts to a real HTTP receiver on
 * 127.0.0.1 (local endpoints allowed), retries on a schedule of milliseconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "paygate.webhooks.secret-keys=" + RunningServiceTest.SECRET_KEYS,
        "paygate.webhooks.allow-local-endpoints=true",
        "paygate.webhooks.delivery.retry-schedule=200ms,200ms,200ms",
        "paygate.webhooks.delivery.sweep-interval=100ms",
        "paygate.webhooks.delivery.links-base-url=https://api.paygate.example"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class DeliveryFlowTest extends RunningServiceTest {

    private static final OwnVirtualHost deliveryVirtualHost = OwnVirtualHost.create("paygate-it-webhook-delivery");
    private static final String DEAD_LETTERS = Topology.deadLetterQueue(Topology.WEBHOOK_EVENTS_QUEUE);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    MongoTemplate mongo;

    private HttpServer receiver;
    /** What each path of the receiver got, in order. */
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    /** The statuses each path answers, one per request; 200 once they are spent. */
    private final Map<String, ConcurrentLinkedQueue<Integer>> answers = new ConcurrentHashMap<>();

    record Received(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceIntegrationTest.register(registry, TestInfrastructure.mongoUri(), deliveryVirtualHost);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        if (receiver != null) {
            return;
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", this::receive);
        receiver.start();
    }

    @AfterAll
    void stopAll() {
        listeners.stop();
        List.of(Topology.WEBHOOK_EVENTS_QUEUE, DEAD_LETTERS).forEach(admin::deleteQueue);
        connectionFactory.resetConnection();
        deliveryVirtualHost.close();
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
        if (path.startsWith("/slow")) {
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = answers.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
        int code = status == null ? 200 : status;
        if (code == 302) {
            exchange.getResponseHeaders().add("Location", "/redirected" + path);
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    @Test
    void delivers_an_event_signed_with_the_endpoints_secret_and_its_headers_to_subscribed_endpoints_only() {
        Endpoint subscribed = endpoint("/shop", """
                "event_types": ["payment_captured"], "headers": {"Authorization": "Bearer shop-token"}""");
        endpoint("/refunds-only", "\"event_types\": [\"payment_refunded\"]");
        String otherMerchant = newMerchantId();
        endpoint(otherMerchant, "/other-merchant", "\"event_types\": [\"payment_captured\"]");
        PaymentEvent captured = event(merchant, PaymentEventType.PAYMENT_CAPTURED);

        publish(captured);

        Received request = awaitReceived("/shop", 1).getFirst();
        assertThat(request.header("Cko-Signature"))
                .isEqualTo(CkoSignature.of(subscribed.secret(), request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("Authorization")).isEqualTo("Bearer shop-token");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Cko-Event-Id")).isEqualTo(captured.id());
        JsonNode body = JsonMapper.shared().readTree(request.body());
        assertThat(body.propertyNames()).containsExactly("id", "type", "version", "created_on", "data", "_links");
        assertThat(body.get("id").asString()).isEqualTo(captured.id());
        assertThat(body.get("type").asString()).isEqualTo("payment_captured");
        assertThat(body.get("data").get("id").asString()).isEqualTo(captured.paymentId());
        assertThat(body.get("data").get("amount").asLong()).isEqualTo(600);
        assertThat(body.get("data").get("balances").get("total_captured").asLong()).isEqualTo(600);
        assertThat(body.get("data").get("source").toString())
                .isEqualTo("{\"type\":\"card\",\"scheme\":\"visa\",\"bin\":\"411111\",\"last4\":\"1111\"}");
        assertThat(body.get("_links").get("payment").get("href").asString())
                .isEqualTo("https://api.paygate.example/payments/" + captured.paymentId());

        JsonNode delivery = awaitDelivery(subscribed, d -> d.get("status").asString().equals("succeeded"));
        assertThat(delivery.get("id").asString()).matches("dlv_[a-z2-7]{26}");
        assertThat(delivery.get("event_id").asString()).isEqualTo(captured.id());
        assertThat(delivery.get("event_type").asString()).isEqualTo("payment_captured");
        assertThat(delivery.get("attempts").size()).isEqualTo(1);
        assertThat(delivery.get("attempts").get(0).get("status_code").asInt()).isEqualTo(200);
        assertThat(delivery.has("next_attempt_on")).isFalse();
        JsonNode details = body(get(merchant, deliveryPath(subscribed, delivery.get("id").asString())));
        assertThat(details.get("body").asString()).isEqualTo(request.body());
        // Whatever else was to arrive has arrived by the time a second event to the same endpoint does.
        publish(event(merchant, PaymentEventType.PAYMENT_CAPTURED));
        awaitReceived("/shop", 2);
        assertThat(received).doesNotContainKeys("/refunds-only", "/other-merchant");
    }

    @Test
    void delivers_an_event_that_arrives_again_once() {
        Endpoint endpoint = endpoint("/once", "\"event_types\": [\"payment_approved\"]");
        PaymentEvent approved = event(merchant, PaymentEventType.PAYMENT_APPROVED);

        publish(approved, approved);
        publish(approved);

        awaitReceived("/once", 1);
        PaymentEvent next = event(merchant, PaymentEventType.PAYMENT_APPROVED);
        publish(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(endpoint).size() == 2
                && received.get("/once").stream().anyMatch(r -> r.body().contains(next.id())));
        assertThat(received.get("/once")).filteredOn(r -> r.body().contains(approved.id())).hasSize(1);
        assertThat(deliveries(endpoint)).extracting(d -> d.get("event_id").asString())
                .containsExactlyInAnyOrder(approved.id(), next.id());
    }

    @Test
    void attempts_again_by_the_schedule_and_logs_every_attempt() {
        answers.put("/flaky", new ConcurrentLinkedQueue<>(List.of(500, 503)));
        Endpoint endpoint = endpoint("/flaky", "\"event_types\": [\"payment_declined\"]");

        publish(event(merchant, PaymentEventType.PAYMENT_DECLINED));

        JsonNode delivery = awaitDelivery(endpoint, d -> d.get("status").asString().equals("succeeded"));
        assertThat(delivery.get("attempts").values()).extracting(attempt -> attempt.get("status_code").asInt())
                .containsExactly(500, 503, 200);
        assertThat(delivery.get("attempts").get(0).get("error").asString()).isEqualTo("http_500");
        assertThat(delivery.get("attempts").get(2).has("error")).isFalse();
        assertThat(delivery.get("attempts").get(0).has("latency_ms")).isTrue();
        List<Received> requests = received.get("/flaky");
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(Received::body).containsOnly(requests.getFirst().body());
    }

    @Test
    void fails_a_delivery_once_the_schedule_is_spent_and_a_failed_redelivery_leaves_it_failed() {
        answers.put("/down", new ConcurrentLinkedQueue<>(List.of(500, 500, 500, 500, 500)));
        Endpoint endpoint = endpoint("/down", "\"event_types\": [\"payment_voided\"]");

        publish(event(merchant, PaymentEventType.PAYMENT_VOIDED));

        JsonNode failed = awaitDelivery(endpoint, d -> d.get("status").asString().equals("failed"));
        assertThat(failed.get("attempts").size()).as("one attempt and three retries").isEqualTo(4);
        assertThat(failed.has("next_attempt_on")).isFalse();

        String id = failed.get("id").asString();
        assertThat(post(merchant, deliveryPath(endpoint, id) + "/redeliver", "")).hasStatus(202);

        JsonNode again = awaitDelivery(endpoint, d -> d.get("attempts").size() == 5);
        assertThat(again.get("status").asString()).isEqualTo("failed");
        assertThat(again.has("next_attempt_on")).isFalse();
    }

    @Test
    void takes_a_redirect_as_a_failed_attempt_and_does_not_follow_it() {
        answers.put("/moved", new ConcurrentLinkedQueue<>(List.of(302)));
        Endpoint endpoint = endpoint("/moved", "\"event_types\": [\"payment_refunded\"]");

        publish(event(merchant, PaymentEventType.PAYMENT_REFUNDED));

        JsonNode delivery = awaitDelivery(endpoint, d -> d.get("status").asString().equals("succeeded"));
        assertThat(delivery.get("attempts").get(0).get("status_code").asInt()).isEqualTo(302);
        assertThat(delivery.get("attempts").get(0).get("error").asString()).isEqualTo("http_302");
        assertThat(received).doesNotContainKey("/redirected/moved");
    }

    @Test
    void a_slow_endpoint_does_not_delay_another_endpoints_deliveries() {
        endpoint("/slow", "\"event_types\": [\"payment_captured\"]");
        endpoint("/fast", "\"event_types\": [\"payment_captured\"]");
        IntStream.range(0, 5).forEach(i -> publish(event(merchant, PaymentEventType.PAYMENT_CAPTURED)));
        // The slow endpoint holds each attempt for 5 s: its lane is full, a fifth delivery waits.
        await().atMost(Duration.ofSeconds(4)).until(() -> received.getOrDefault("/slow", List.of()).size() == 4
                && received.getOrDefault("/fast", List.of()).size() == 5);

        PaymentEvent next = event(merchant, PaymentEventType.PAYMENT_CAPTURED);
        publish(next);

        await().atMost(Duration.ofSeconds(1)).until(() -> received.get("/fast").stream()
                .anyMatch(request -> request.body().contains(next.id())));
        assertThat(received.get("/slow")).hasSize(4);
    }

    @Test
    void holds_a_paused_endpoints_events_and_delivers_them_once_it_is_active_again() {
        Endpoint endpoint = endpoint("/paused", "\"event_types\": [\"payment_expired\"], \"active\": false");
        PaymentEvent expired = event(merchant, PaymentEventType.PAYMENT_EXPIRED);

        publish(expired);

        JsonNode held = awaitDelivery(endpoint, d -> !d.has("next_attempt_on"));
        assertThat(held.get("status").asString()).isEqualTo("pending");
        assertThat(held.get("attempts").isEmpty()).isTrue();
        assertThat(received).doesNotContainKey("/paused");

        assertThat(patch(merchant, "/webhooks/" + endpoint.id(), "{\"active\": true}")).hasStatusOk();

        assertThat(awaitReceived("/paused", 1).getFirst().body()).contains(expired.id());
        JsonNode delivered = awaitDelivery(endpoint, d -> d.get("status").asString().equals("succeeded"));
        assertThat(delivered.get("attempts").size()).isEqualTo(1);
    }

    @Test
    void fails_the_held_deliveries_of_a_removed_endpoint() {
        Endpoint endpoint = endpoint("/removed", "\"event_types\": [\"payment_expired\"], \"active\": false");
        publish(event(merchant, PaymentEventType.PAYMENT_EXPIRED));
        String id = awaitDelivery(endpoint, d -> !d.has("next_attempt_on")).get("id").asString();

        assertThat(delete(merchant, "/webhooks/" + endpoint.id())).hasStatusOk();

        Delivery removed = mongo.findById(id, Delivery.class);
        assertThat(removed.status()).isEqualTo(Delivery.FAILED);
        assertThat(removed.failureReason()).isEqualTo(Delivery.ENDPOINT_REMOVED);
        assertThat(removed.nextAttemptOn()).isNull();
        assertThat(get(merchant, "/webhooks/" + endpoint.id() + "/deliveries")).hasStatus(404);
    }

    @Test
    void redelivers_a_delivered_event_with_the_same_body() {
        Endpoint endpoint = endpoint("/again", "\"event_types\": [\"payment_captured\"]");
        publish(event(merchant, PaymentEventType.PAYMENT_CAPTURED));
        String id = awaitDelivery(endpoint, d -> d.get("status").asString().equals("succeeded")).get("id")
                .asString();

        assertThat(post(merchant, deliveryPath(endpoint, id) + "/redeliver", "")).hasStatus(202);

        List<Received> requests = awaitReceived("/again", 2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(requests.get(1).header("Cko-Signature")).isEqualTo(requests.get(0).header("Cko-Signature"));
        JsonNode delivery = awaitDelivery(endpoint, d -> d.get("attempts").size() == 2);
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void dead_letters_a_message_whose_signature_does_not_hold() {
        endpoint("/forged", "\"event_types\": [\"payment_captured\"]");
        PaymentEvent forged = event(merchant, PaymentEventType.PAYMENT_CAPTURED);
        Message signed = rabbit.getMessageConverter().toMessage(new PaymentEvents(List.of(forged)),
                new MessageProperties());
        Message altered = MessageBuilder.withBody(signed.getBody())
                .copyProperties(signed.getMessageProperties())
                .setHeader(MessageHeaders.TYPE, PaymentEvents.TYPE)
                .setHeader(MessageHeaders.VERSION, PaymentEvents.VERSION)
                .setHeader(MessageHeaders.SIGNATURE, "test:forged")
                .setMessageId(forged.id())
                .build();

        new RabbitTemplate(connectionFactory).send(Topology.PAYMENT_EVENTS_EXCHANGE,
                Topology.PAYMENT_EVENTS_ROUTING_KEY, altered);

        Message deadLetter = await().atMost(Duration.ofSeconds(10))
                .until(() -> rabbit.receive(DEAD_LETTERS), message -> message != null
                        && forged.id().equals(message.getMessageProperties().getMessageId()));
        assertThat(deadLetter).isNotNull();
        assertThat(mongo.getCollection(Delivery.COLLECTION).countDocuments(
                new Document("event_id", forged.id()))).isZero();
        assertThat(received).doesNotContainKey("/forged");
    }

    @Test
    void shows_deliveries_only_to_their_endpoints_merchant_newest_first_and_checks_paging() {
        Endpoint endpoint = endpoint("/paged", "\"event_types\": [\"payment_captured\"]");
        PaymentEvent first = event(merchant, PaymentEventType.PAYMENT_CAPTURED);
        publish(first);
        awaitReceived("/paged", 1);
        PaymentEvent second = event(merchant, PaymentEventType.PAYMENT_CAPTURED);
        publish(second);
        awaitReceived("/paged", 2);
        String path = "/webhooks/" + endpoint.id() + "/deliveries";

        JsonNode page = body(get(merchant, path + "?limit=1"));
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("data").values()).extracting(d -> d.get("event_id").asString())
                .containsExactly(second.id());
        assertThat(body(get(merchant, path + "?limit=1&skip=1")).get("data").values())
                .extracting(d -> d.get("event_id").asString()).containsExactly(first.id());
        assertThat(body(get(merchant, path)).get("limit").asInt()).isEqualTo(20);
        String id = page.get("data").get(0).get("id").asString();

        String stranger = newMerchantId();
        assertThat(get(stranger, path)).hasStatus(404);
        assertThat(get(stranger, path + "/" + id)).hasStatus(404);
        assertThat(post(stranger, path + "/" + id + "/redeliver", "")).hasStatus(404);
        assertThat(get(merchant, path + "/dlv_aaaaaaaaaaaaaaaaaaaaaaaaaa")).hasStatus(404);
        assertThat(get(merchant, path + "/not-an-id")).hasStatus(404);
        for (String query : List.of("?limit=0", "?limit=101", "?limit=abc", "?skip=-1", "?limit=1.5")) {
            var refused = get(merchant, path + query);
            assertThat(refused).as(query).hasStatus(422);
            assertThat(body(refused).get("error_codes").toString()).as(query).containsAnyOf("limit_invalid",
                    "skip_invalid");
        }
        assertThat(body(get(merchant, path + "?limit=101&skip=x")).get("error_codes").toString())
                .isEqualTo("[\"limit_invalid\",\"skip_invalid\"]");
    }

    record Endpoint(String id, String secret) {
    }

    private Endpoint endpoint(String path, String fields) {
        return endpoint(merchant, path, fields);
    }

    private Endpoint endpoint(String merchantId, String path, String fields) {
        var response = post(merchantId, "/webhooks", "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort()
                + path + "\", " + fields + "}");
        assertThat(response).hasStatus(201);
        JsonNode created = body(response);
        return new Endpoint(created.get("id").asString(), created.get("signing_secret").asString());
    }

    private static String deliveryPath(Endpoint endpoint, String deliveryId) {
        return "/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId;
    }

    private void publish(PaymentEvent... events) {
        rabbit.convertAndSend(Topology.PAYMENT_EVENTS_EXCHANGE, Topology.PAYMENT_EVENTS_ROUTING_KEY,
                new PaymentEvents(List.of(events)),
                OutgoingMessage.stamped(PaymentEvents.TYPE, PaymentEvents.VERSION, events[0].id()));
    }

    private List<Received> awaitReceived(String path, int count) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> received.getOrDefault(path, List.of()), requests -> requests.size() >= count);
    }

    private List<JsonNode> deliveries(Endpoint endpoint) {
        var response = get(merchant, "/webhooks/" + endpoint.id() + "/deliveries");
        assertThat(response).hasStatusOk();
        return new ArrayList<>(body(response).get("data").values());
    }

    /** The endpoint's only delivery, once it matches. */
    private JsonNode awaitDelivery(Endpoint endpoint, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(endpoint),
                deliveries -> deliveries.size() == 1 && condition.test(deliveries.getFirst())).getFirst();
    }

    private static PaymentEvent event(String merchantId, PaymentEventType type) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        return new PaymentEvent("evt_" + suffix, type, Instant.now().truncatedTo(ChronoUnit.MILLIS), merchantId,
                "pay_" + suffix, "act_" + suffix, "ORD-1", 600, "GBP", ResponseCode.APPROVED, "123456",
                Instant.now(), new PaymentEvent.Balances(1050, 0, 0, 600, 450, 0, 600),
                new PaymentEvent.Card("visa", "411111", "1111"), Map.of("order_id", "1"), null);
    }
}
