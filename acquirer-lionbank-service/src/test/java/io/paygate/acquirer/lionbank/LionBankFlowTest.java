package io.paygate.acquirer.lionbank;

import io.paygate.acquirer.lionbank.testing.LionBankSimulator;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.support.amqp.AuthorizationResultsExchange;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
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

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter as deployed: real RabbitMQ, the real Lion Bank simulator over TCP, commands in, results out. Runs under
 * an acquirer code of its own, so test JVMs sharing the broker never take each other's commands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LionBankFlowTest {

    private static final String ACQUIRER = "it-lion-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REPLY_TO = "acquirer-it." + ACQUIRER;
    private static final String REPLY_QUEUE = "acquirer-it.replies." + ACQUIRER;
    private static final String CARD = "4111111111111111";
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final LionBankSimulator simulator = startSimulator();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    private final Map<String, List<AuthorizationResult>> results = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("paygate.acquirer.code", () -> ACQUIRER);
        registry.add("paygate.card-encryption.keys", () -> "test:" + CARD_KEY);
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        registry.add("paygate.lionbank.host", () -> "127.0.0.1");
        registry.add("paygate.lionbank.port", simulator::isoPort);
        registry.add("paygate.lionbank.read-timeout", () -> "1s");
        registry.add("paygate.lionbank.retry.delay", () -> "20ms");
        registry.add("paygate.lionbank.retry.max-delay", () -> "100ms");
        registry.add("paygate.lionbank.retry.jitter", () -> "10ms");
    }

    @BeforeAll
    void listenForResults() {
        // Durable although deleted afterwards: RabbitMQ 4.3 refuses transient non-exclusive queues.
        Queue replies = new Queue(REPLY_QUEUE, true, false, false);
        admin.declareQueue(replies);
        // payment-service's exchange, which these tests stand in for, declared as payment-service declares it.
        AuthorizationResultsExchange.declarables().getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        admin.declareBinding(BindingBuilder.bind(replies)
                .to(AuthorizationResultsExchange.exchange()).with(REPLY_TO));
    }

    @AfterAll
    void deleteQueuesAndStopSimulator() throws InterruptedException {
        listeners.stop();
        String authorizations = Topology.acquirerQueue(ACQUIRER);
        String reversals = Topology.acquirerReversalQueue(ACQUIRER);
        String actions = Topology.acquirerActionQueue(ACQUIRER);
        List.of(authorizations, Topology.deadLetterQueue(authorizations), reversals, Topology.deadLetterQueue(reversals),
                reversals + ".retry", actions, Topology.deadLetterQueue(actions), REPLY_QUEUE).forEach(admin::deleteQueue);
        simulator.close();
    }

    @Test
    void approves_a_payment_the_issuer_authorises_without_logging_the_card(CapturedOutput output) {
        AuthorizePayment command = command(1050);

        send(command);

        AuthorizationResult result = awaitResult(command.paymentId());
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.authCode()).hasSize(6);
        assertThat(output).doesNotContain(CARD);
    }

    @Test
    void declines_for_the_reason_the_issuer_gives() {
        AuthorizePayment command = command(1051);

        send(command);

        assertThat(awaitResult(command.paymentId()).responseCode()).isEqualTo(ResponseCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void asks_an_unavailable_issuer_again_then_declines_as_issuer_unavailable() {
        long unavailable = simulator.stat("unavailable");
        AuthorizePayment command = command(1091);

        send(command);

        assertThat(awaitResult(command.paymentId()).responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        // The first attempt and three retries, every one of them the same transaction.
        assertThat(simulator.stat("unavailable")).isEqualTo(unavailable + 4);
    }

    @Test
    void answers_a_redelivered_command_with_the_first_approval() {
        long duplicates = simulator.stat("duplicates");
        AuthorizePayment command = command(1050);

        send(command);
        AuthorizationResult first = awaitResult(command.paymentId());
        send(command);

        await().atMost(Duration.ofSeconds(15)).until(() -> resultsFor(command.paymentId()).size() == 2);
        assertThat(resultsFor(command.paymentId())).extracting(AuthorizationResult::authCode)
                .containsOnly(first.authCode());
        assertThat(simulator.stat("duplicates")).isEqualTo(duplicates + 1);
        assertThat(simulator.stat("approved_more_than_once")).isZero();
    }

    @Test
    void reverses_an_approved_payment_at_the_issuer() {
        long reversals = simulator.stat("reversals");
        AuthorizePayment command = command(1050);
        send(command);
        assertThat(awaitResult(command.paymentId()).responseCode()).isEqualTo(ResponseCode.APPROVED);

        var reversal = new ReversePayment(command.paymentId(), command.merchantId(), command.acquirerMerchantId(),
                command.amount(), command.currency(), ResponseCode.RESPONSE_TOO_LATE, Instant.now());
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(ACQUIRER), reversal,
                OutgoingMessage.stamped(ReversePayment.TYPE, ReversePayment.VERSION, reversal.paymentId()));

        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.stat("reversals") == reversals + 1);
    }

    @Test
    void reports_the_bank_in_its_health() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/bank")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"circuitBreaker\":\"CLOSED\"");
        }
    }

    private void send(AuthorizePayment command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, command.paymentId()));
    }

    private AuthorizationResult awaitResult(String paymentId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> resultsFor(paymentId), received -> !received.isEmpty())
                .getFirst();
    }

    /** The payment's results taken from the reply queue so far, after taking all that wait there now. */
    private List<AuthorizationResult> resultsFor(String paymentId) {
        for (Message message = rabbit.receive(REPLY_QUEUE); message != null; message = rabbit.receive(REPLY_QUEUE)) {
            results.computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new CopyOnWriteArrayList<>())
                    .add((AuthorizationResult) rabbit.getMessageConverter().fromMessage(message));
        }
        return results.getOrDefault(paymentId, List.of());
    }

    private static AuthorizePayment command(long amount) {
        String paymentId = "pay_" + UUID.randomUUID();
        return new AuthorizePayment(paymentId, "mer_test", "lion-test-001", amount, "GBP",
                CIPHER.seal(new CardData(CARD, "737", 12, 2049), paymentId), REPLY_TO, Instant.now(),
                Instant.now().plusSeconds(60));
    }

    private static LionBankSimulator startSimulator() {
        try {
            return LionBankSimulator.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
