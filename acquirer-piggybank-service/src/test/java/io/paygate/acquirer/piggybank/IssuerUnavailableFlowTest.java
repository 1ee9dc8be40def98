package io.paygate.acquirer.piggybank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Piggy Bank's circuit breaker as deployed: commands through real RabbitMQ, a real HTTP bank, health over HTTP.
 * Two payments the bank leaves unanswered open the breaker; it then stays open for the rest of each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class IssuerUnavailableFlowTest {

    private static final String ACQUIRER = "it-cb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String COMMAND_QUEUE = Topology.acquirerQueue(ACQUIRER);
    private static final String REPLY_TO = "acquirer-it." + ACQUIRER;
    private static final String REPLY_QUEUE = "acquirer-it.replies." + ACQUIRER;
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final String APPROVED_CARD = "4111111111111111";
    /** The bank answers 503 to this card, every time. */
    private static final String UNAVAILABLE_CARD = "4111111111111110";
    private static final int PAYMENTS_TO_OPEN = 2;
    /** Back-off of one payment the bank never answers: 0.5 s + 1 s + 2 s, each give or take the jitter. */
    private static final Duration RETRY_BUDGET = Duration.ofMillis(3500);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("paygate.acquirer.code", () -> ACQUIRER);
        registry.add("paygate.card-encryption.keys", () -> "test:" + CARD_KEY);
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        registry.add("paygate.piggybank.url", () -> bank.url().toString());
        registry.add("paygate.piggybank.retry.max-retries", () -> 3);
        registry.add("paygate.piggybank.retry.delay", () -> "500ms");
        registry.add("paygate.piggybank.retry.max-delay", () -> "2s");
        registry.add("paygate.piggybank.retry.jitter", () -> "50ms");
        registry.add("paygate.piggybank.circuit-breaker.sliding-window-size", () -> PAYMENTS_TO_OPEN);
        registry.add("paygate.piggybank.circuit-breaker.minimum-number-of-calls", () -> PAYMENTS_TO_OPEN);
        registry.add("paygate.piggybank.circuit-breaker.wait-duration-in-open-state", () -> "10m");
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    CircuitBreaker piggyBankCircuitBreaker;

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Message> results = new ConcurrentHashMap<>();

    @BeforeAll
    void listenForResults() {
        Queue replies = new Queue(REPLY_QUEUE, true, false, false);
        admin.declareQueue(replies);
        admin.declareBinding(BindingBuilder.bind(replies)
                .to(new TopicExchange(Topology.AUTHORIZATION_RESULTS_EXCHANGE)).with(REPLY_TO));
    }

    /** With fresh counts; unlike {@code reset()}, this also cancels the pending move to half-open. */
    @AfterEach
    void closeTheCircuit() {
        piggyBankCircuitBreaker.transitionToClosedState();
    }

    @AfterAll
    void deleteQueuesAndStopBank() {
        listeners.stop();
        admin.deleteQueue(COMMAND_QUEUE);
        admin.deleteQueue(Topology.deadLetterQueue(COMMAND_QUEUE));
        admin.deleteQueue(REPLY_QUEUE);
        // The context declares this acquirer's reversal queues too.
        admin.deleteQueue(Topology.acquirerReversalQueue(ACQUIRER));
        admin.deleteQueue(Topology.deadLetterQueue(Topology.acquirerReversalQueue(ACQUIRER)));
        admin.deleteQueue(Topology.acquirerReversalQueue(ACQUIRER) + ".retry");
        bank.close();
    }

    @Test
    void declines_a_payment_at_once_without_calling_the_bank_while_the_circuit_is_open(CapturedOutput output) {
        openTheCircuit();
        int requestsBefore = bank.requestCount();
        AuthorizePayment payment = command(APPROVED_CARD);

        long sent = System.nanoTime();
        send(payment);
        AuthorizationResult result = awaitResult(payment.paymentId());
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        assertThat(took).isLessThan(RETRY_BUDGET.dividedBy(3));
        assertThat(bank.requestsWithKey(payment.paymentId())).isEmpty();
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
        assertThat(output).doesNotContain(APPROVED_CARD).doesNotContain(UNAVAILABLE_CARD);
    }

    @Test
    void warns_once_when_the_circuit_opens_not_for_every_payment_it_declines(CapturedOutput output) {
        openTheCircuit();
        List<AuthorizePayment> payments = IntStream.range(0, 5).mapToObj(i -> command(APPROVED_CARD)).toList();

        payments.forEach(this::send);

        payments.forEach(payment -> assertThat(awaitResult(payment.paymentId()).responseCode())
                .isEqualTo(ResponseCode.ISSUER_UNAVAILABLE));
        assertThat(Pattern.compile("WARN .*Piggy Bank circuit breaker CLOSED -> OPEN").matcher(output.getAll()).results())
                .hasSize(1);
        payments.forEach(payment -> assertThat(output.getAll().lines()
                .filter(line -> line.contains(payment.paymentId()))
                .filter(line -> line.contains("WARN"))).isEmpty());
    }

    @Test
    void keeps_the_service_up_and_shows_the_open_circuit_in_its_health() throws IOException, InterruptedException {
        HttpResponse<String> closed = get("/actuator/health/bank");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(closed.body()).at("/components/piggyBank/details/circuitBreaker").asString())
                .isEqualTo("CLOSED");

        openTheCircuit();

        HttpResponse<String> service = get("/actuator/health");
        assertThat(service.statusCode()).isEqualTo(200);
        JsonNode serviceHealth = json.readTree(service.body());
        assertThat(serviceHealth.get("status").asString()).isEqualTo("UP");
        assertThat(serviceHealth.at("/components/piggyBank/status").asString()).isEqualTo("CIRCUIT_OPEN");
        HttpResponse<String> bankGroup = get("/actuator/health/bank");
        assertThat(bankGroup.statusCode()).isEqualTo(503);
        JsonNode bankHealth = json.readTree(bankGroup.body());
        assertThat(bankHealth.get("status").asString()).isEqualTo("CIRCUIT_OPEN");
        assertThat(bankHealth.at("/components/piggyBank/details/circuitBreaker").asString()).isEqualTo("OPEN");
        assertThat(bankHealth.at("/components/piggyBank/details/failedPayments").asInt()).isEqualTo(PAYMENTS_TO_OPEN);
    }

    /** Payments the bank never answers, all at once: the circuit opens about one retry budget later. */
    private void openTheCircuit() {
        List<AuthorizePayment> unanswered = IntStream.range(0, PAYMENTS_TO_OPEN)
                .mapToObj(i -> command(UNAVAILABLE_CARD)).toList();
        unanswered.forEach(this::send);
        unanswered.forEach(payment -> {
            assertThat(awaitResult(payment.paymentId()).responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
            assertThat(bank.requestsWithKey(payment.paymentId())).hasSize(4);
        });
        assertThat(piggyBankCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private void send(AuthorizePayment command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, command.paymentId()));
    }

    private AuthorizationResult awaitResult(String paymentId) {
        Message message = await().atMost(RETRY_BUDGET.multipliedBy(4)).pollInterval(Duration.ofMillis(10))
                .until(() -> drainResults().get(paymentId), received -> received != null);
        return (AuthorizationResult) rabbit.getMessageConverter().fromMessage(message);
    }

    private Map<String, Message> drainResults() {
        for (Message message = rabbit.receive(REPLY_QUEUE); message != null; message = rabbit.receive(REPLY_QUEUE)) {
            results.put(message.getMessageProperties().getMessageId(), message);
        }
        return results;
    }

    private static AuthorizePayment command(String cardNumber) {
        String paymentId = "pay_" + UUID.randomUUID();
        return new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                CIPHER.seal(new CardData(cardNumber, "737", 12, 2030), paymentId), REPLY_TO, Instant.now());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
