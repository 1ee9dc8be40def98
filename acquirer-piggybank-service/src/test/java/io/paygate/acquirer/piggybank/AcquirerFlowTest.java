package io.paygate.acquirer.piggybank;

import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.support.amqp.AuthorizationResultsExchange;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * The adapter as deployed: real RabbitMQ, a real HTTP bank, commands in, health over HTTP. Each subclass runs under
 * an acquirer code of its own, so test JVMs sharing the broker never take each other's commands, and removes that
 * acquirer's queues when done. A subclass registers its own settings with {@link #registerAdapter} in its
 * {@code @DynamicPropertySource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
abstract class AcquirerFlowTest {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    private final String acquirer;
    private final PiggyBankDouble bank;
    private final List<String> replyQueues = new ArrayList<>();
    private final Map<String, Map<String, List<Message>>> received = new ConcurrentHashMap<>();

    AcquirerFlowTest(String acquirer, PiggyBankDouble bank) {
        this.acquirer = acquirer;
        this.bank = bank;
    }

    /** The settings every flow needs: the infrastructure, the acquirer code, one card key and the bank. */
    static void registerAdapter(DynamicPropertyRegistry registry, String acquirer, String cardKey,
                                PiggyBankDouble bank) {
        TestInfrastructure.register(registry);
        registry.add("paygate.acquirer.code", () -> acquirer);
        registry.add("paygate.card-encryption.keys", () -> "test:" + cardKey);
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        registry.add("paygate.piggybank.url", () -> bank.url().toString());
    }

    @AfterAll
    void deleteQueuesAndStopBank() {
        listeners.stop();
        String authorizations = Topology.acquirerQueue(acquirer);
        String reversals = Topology.acquirerReversalQueue(acquirer);
        String actions = Topology.acquirerActionQueue(acquirer);
        // The context declares the authorization, reversal and action queues of its acquirer.
        List.of(authorizations, Topology.deadLetterQueue(authorizations),
                reversals, Topology.deadLetterQueue(reversals), reversals + ".retry",
                actions, Topology.deadLetterQueue(actions)).forEach(admin::deleteQueue);
        replyQueues.forEach(admin::deleteQueue);
        bank.close();
    }

    /** The reply key the test's commands name. */
    static String replyTo(String acquirer) {
        return "acquirer-it." + acquirer;
    }

    /** The test's own queue for the results published with {@link #replyTo}. */
    static String replyQueue(String acquirer) {
        return "acquirer-it.replies." + acquirer;
    }

    /** Binds a queue of the test's own to the results published with this reply key; it goes with the others. */
    void listenForResults(String replyQueue, String replyTo) {
        // Durable although deleted afterwards: RabbitMQ 4.3 refuses transient non-exclusive queues.
        Queue replies = new Queue(replyQueue, true, false, false);
        admin.declareQueue(replies);
        replyQueues.add(replyQueue);
        // payment-service's exchange, which these tests stand in for, declared as payment-service declares it.
        AuthorizationResultsExchange.declarables().getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        admin.declareBinding(BindingBuilder.bind(replies)
                .to(AuthorizationResultsExchange.exchange()).with(replyTo));
    }

    void send(AuthorizePayment command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(acquirer), command,
                OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, command.paymentId()));
    }

    void send(ReversePayment command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(acquirer), command,
                OutgoingMessage.stamped(ReversePayment.TYPE, ReversePayment.VERSION, command.paymentId()));
    }

    /** Every message taken so far from the queue for the payment, after taking all that wait there now. */
    List<Message> receivedFrom(String queue, String paymentId) {
        Map<String, List<Message>> byPaymentId = received.computeIfAbsent(queue, name -> new ConcurrentHashMap<>());
        for (Message message = rabbit.receive(queue); message != null; message = rabbit.receive(queue)) {
            byPaymentId.computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new CopyOnWriteArrayList<>())
                    .add(message);
        }
        return byPaymentId.getOrDefault(paymentId, List.of());
    }

    /** The results of the payment taken from {@link #replyQueue} so far. */
    List<Message> resultsFor(String paymentId) {
        return receivedFrom(replyQueue(acquirer), paymentId);
    }

    /** The authorisation commands of the payment taken from their dead-letter queue so far. */
    List<Message> authorizationDeadLettersFor(String paymentId) {
        return receivedFrom(Topology.deadLetterQueue(Topology.acquirerQueue(acquirer)), paymentId);
    }

    /** A message stamped as a command of this type and version whose body is cut short, so it does not convert. */
    static Message unconvertible(String type, int version, String paymentId) {
        return MessageBuilder.withBody("{\"paymentId\": ".getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setMessageId(paymentId)
                .setHeader(MessageHeaders.TYPE, type)
                .setHeader(MessageHeaders.VERSION, version)
                .build();
    }

    /**
     * A delivered but unacknowledged command is invisible in the queue's message count. Stopping the consumers lets
     * the one in hand finish and closes their channels, which returns anything unacknowledged to the queue; empty
     * queues then prove the command was acknowledged and is not waiting to come back.
     */
    void awaitSettled(String listenerId, String... queues) {
        MessageListenerContainer container = listeners.getListenerContainer(listenerId);
        container.stop();
        try {
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> Arrays.stream(queues)
                            .allMatch(queue -> admin.getQueueInfo(queue).getMessageCount() == 0));
        } finally {
            container.start();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
