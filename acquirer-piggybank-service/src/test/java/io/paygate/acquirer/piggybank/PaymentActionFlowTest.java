package io.paygate.acquirer.piggybank;

import io.paygate.testing.OwnVirtualHost;
import io.paygate.acquirer.piggybank.testing.PiggyBankSimulator;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.events.ActionType;
import io.paygate.events.MessageHeaders;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.support.amqp.AuthorizationResultsExchange;
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
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
 * Captures, voids and refunds as deployed: real RabbitMQ, the real Piggy Bank simulator with its ledger, commands in,
 * results out under the action results key. In a virtual host of its own where the broker allows one, since every
 * action result goes out under the same routing key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PaymentActionFlowTest {

    private static final String ACQUIRER = "it-act-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ACTION_QUEUE = Topology.acquirerActionQueue(ACQUIRER);
    private static final String DEAD_LETTER_QUEUE = Topology.deadLetterQueue(ACTION_QUEUE);
    private static final String RESULTS_QUEUE = "acquirer-it.action-results." + ACQUIRER;
    private static final String APPROVED_CARD = "4111111111111111";
    private static final long AUTHORIZED = 1050;
    private static final OwnVirtualHost virtualHost = OwnVirtualHost.create("paygate-it-piggy-actions");
    private static final PiggyBankSimulator simulator = PiggyBankSimulator.start();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    AcquiringBank acquiringBank;

    @Autowired
    CachingConnectionFactory connectionFactory;

    private final Map<String, Map<String, List<Message>>> received = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", virtualHost::rabbitUri);
        registry.add("paygate.messages.signing.keys", () -> TestInfrastructure.MESSAGE_SIGNING_KEYS);
        registry.add("paygate.acquirer.code", () -> ACQUIRER);
        registry.add("paygate.card-encryption.keys", () -> "test:" + randomKey());
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        registry.add("paygate.piggybank.url", () -> simulator.url().toString());
        registry.add("paygate.piggybank.reversal-retry.delay", () -> "20ms");
        registry.add("paygate.piggybank.reversal-retry.max-delay", () -> "100ms");
        registry.add("paygate.piggybank.reversal-retry.jitter", () -> "10ms");
    }

    /** As payment-service's action results queue is bound, but the test's own. */
    @BeforeAll
    void listenForResults() {
        // Durable although deleted afterwards: RabbitMQ 4.3 refuses transient non-exclusive queues.
        Queue results = new Queue(RESULTS_QUEUE, true, false, false);
        admin.declareQueue(results);
        // payment-service's exchange, which these tests stand in for, declared as payment-service declares it.
        AuthorizationResultsExchange.declarables().getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        admin.declareBinding(BindingBuilder.bind(results)
                .to(AuthorizationResultsExchange.exchange()).with(Topology.ACTION_RESULTS_ROUTING_KEY));
    }

    @AfterAll
    void deleteQueuesAndStop() {
        listeners.stop();
        String authorizations = Topology.acquirerQueue(ACQUIRER);
        String reversals = Topology.acquirerReversalQueue(ACQUIRER);
        List.of(ACTION_QUEUE, DEAD_LETTER_QUEUE, RESULTS_QUEUE, authorizations, Topology.deadLetterQueue(authorizations),
                reversals, Topology.deadLetterQueue(reversals), reversals + ".retry").forEach(admin::deleteQueue);
        // Closed before their virtual host goes; with the consumers stopped, nothing opens them again.
        connectionFactory.resetConnection();
        virtualHost.close();
        simulator.close();
    }

    @Test
    void captures_an_approved_payment_and_publishes_the_banks_approval(CapturedOutput output) {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, 600, false);

        send(capture);

        Message message = awaitResult(capture.actionId());
        PaymentActionResult result = convert(message);
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.acquirerReference()).isNotBlank();
        assertThat(result.type()).isEqualTo(ActionType.CAPTURE);
        assertThat(result.paymentId()).isEqualTo(paymentId);
        assertThat(result.acquirer()).isEqualTo(ACQUIRER);
        var properties = message.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(capture.actionId());
        assertThat((String) properties.getHeader(MessageHeaders.TYPE)).isEqualTo(PaymentActionResult.TYPE);
        assertThat((Integer) properties.getHeader(MessageHeaders.VERSION)).isEqualTo(PaymentActionResult.VERSION);
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        awaitActionQueueSettled();
        assertThat(deadLettersFor(capture.actionId())).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.toString()
                .contains("Action " + capture.actionId() + " (CAPTURE of payment " + paymentId + ") approved"));
        assertThat(output).doesNotContain(APPROVED_CARD);
    }

    @Test
    void declines_a_capture_beyond_what_remains_authorised_as_an_invalid_amount() {
        String paymentId = approvedPayment();
        PaymentActionCommand first = command(ActionType.CAPTURE, paymentId, 600, false);
        send(first);
        assertThat(convert(awaitResult(first.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        PaymentActionCommand beyond = command(ActionType.CAPTURE, paymentId, AUTHORIZED - 600 + 1, false);

        send(beyond);

        PaymentActionResult result = convert(awaitResult(beyond.actionId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(result.responseCode().code()).isEqualTo("20013");
        assertThat(result.acquirerReference()).isNull();
    }

    @Test
    void moves_the_money_once_for_a_command_sent_again() {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, 700, true);
        long capturedBefore = simulator.stat("captured_total");
        long replayedBefore = simulator.stat("actions_replayed");

        send(capture);
        PaymentActionResult first = convert(awaitResult(capture.actionId()));
        send(capture);

        await().atMost(Duration.ofSeconds(15)).until(() -> resultsFor(capture.actionId()).size() == 2);
        assertThat(resultsFor(capture.actionId())).extracting(message -> convert(message).acquirerReference())
                .containsOnly(first.acquirerReference());
        assertThat(first.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore + 700);
        assertThat(simulator.stat("actions_replayed")).isEqualTo(replayedBefore + 1);
    }

    @Test
    void refunds_what_was_captured_and_declines_a_void_after_a_capture() {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, AUTHORIZED, true);
        send(capture);
        assertThat(convert(awaitResult(capture.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        PaymentActionCommand refund = command(ActionType.REFUND, paymentId, 500, false);
        PaymentActionCommand tooMuch = command(ActionType.REFUND, paymentId, AUTHORIZED, false);
        PaymentActionCommand voiding = command(ActionType.VOID, paymentId, AUTHORIZED, false);

        send(refund);
        assertThat(convert(awaitResult(refund.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        send(tooMuch);
        send(voiding);

        assertThat(convert(awaitResult(tooMuch.actionId())).responseCode()).isEqualTo(ResponseCode.INVALID_AMOUNT);
        assertThat(convert(awaitResult(voiding.actionId())).responseCode()).isEqualTo(ResponseCode.INVALID_TRANSACTION);
    }

    @Test
    void voids_an_approved_payment_and_finds_no_original_for_an_unknown_one() {
        PaymentActionCommand voiding = command(ActionType.VOID, approvedPayment(), AUTHORIZED, false);
        PaymentActionCommand unknown = command(ActionType.VOID, "pay_" + UUID.randomUUID(), AUTHORIZED, false);

        send(voiding);
        send(unknown);

        assertThat(convert(awaitResult(voiding.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(convert(awaitResult(unknown.actionId())).responseCode()).isEqualTo(ResponseCode.NO_ORIGINAL);
    }

    @Test
    void acknowledges_an_expired_command_without_calling_the_bank_or_publishing(CapturedOutput output) {
        String paymentId = approvedPayment();
        long capturedBefore = simulator.stat("captured_total");
        PaymentActionCommand expired = new PaymentActionCommand("act_" + UUID.randomUUID(), ActionType.CAPTURE,
                paymentId, "mer_test", "piggy-test-001", null, 500, "GBP", false, Instant.now(),
                Instant.now().minusSeconds(1));

        send(expired);

        await().atMost(Duration.ofSeconds(15)).until(() -> output.toString()
                .contains("Not asking the Piggy Bank for action " + expired.actionId()));
        awaitActionQueueSettled();
        assertThat(resultsFor(expired.actionId())).isEmpty();
        assertThat(deadLettersFor(expired.actionId())).isEmpty();
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore);
    }

    @Test
    void acknowledges_without_a_result_an_action_the_bank_leaves_unanswered(CapturedOutput output) {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, 500, false);
        simulator.faults("{\"down\": true}");
        try {
            send(capture);

            await().atMost(Duration.ofSeconds(15)).until(() -> output.toString()
                    .contains("Action " + capture.actionId() + " (CAPTURE of payment " + paymentId
                            + ") got no answer from the bank"));
        } finally {
            simulator.resetFaults();
        }
        awaitActionQueueSettled();
        assertThat(resultsFor(capture.actionId())).isEmpty();
        assertThat(deadLettersFor(capture.actionId())).isEmpty();
    }

    @Test
    void dead_letters_a_command_of_an_unknown_version_without_calling_the_bank() {
        PaymentActionCommand capture = command(ActionType.CAPTURE, approvedPayment(), 500, false);
        long capturedBefore = simulator.stat("captured_total");

        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.actionRoutingKey(ACQUIRER), capture,
                OutgoingMessage.stamped(PaymentActionCommand.TYPE, PaymentActionCommand.VERSION + 1, capture.actionId()));

        await().atMost(Duration.ofSeconds(15)).until(() -> !deadLettersFor(capture.actionId()).isEmpty());
        assertThat(resultsFor(capture.actionId())).isEmpty();
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore);
    }

    private String approvedPayment() {
        String paymentId = "pay_" + UUID.randomUUID();
        BankDecision decision = acquiringBank.authorize(new CardAuthorization(paymentId, "piggy-test-001",
                new CardData(APPROVED_CARD, "737", 12, 2030), AUTHORIZED, "GBP", null));
        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        return paymentId;
    }

    private void send(PaymentActionCommand command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.actionRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(PaymentActionCommand.TYPE, PaymentActionCommand.VERSION, command.actionId()));
    }

    private Message awaitResult(String actionId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> resultsFor(actionId), results -> !results.isEmpty())
                .getFirst();
    }

    private List<Message> resultsFor(String actionId) {
        return receivedFrom(RESULTS_QUEUE, actionId);
    }

    private List<Message> deadLettersFor(String actionId) {
        return receivedFrom(DEAD_LETTER_QUEUE, actionId);
    }

    /** Every message taken so far from the queue with this message id, after taking all that wait there now. */
    private List<Message> receivedFrom(String queue, String messageId) {
        Map<String, List<Message>> byMessageId = received.computeIfAbsent(queue, name -> new ConcurrentHashMap<>());
        for (Message message = rabbit.receive(queue); message != null; message = rabbit.receive(queue)) {
            byMessageId.computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new CopyOnWriteArrayList<>())
                    .add(message);
        }
        return byMessageId.getOrDefault(messageId, List.of());
    }

    /**
     * A delivered but unacknowledged command is invisible in the queue's message count: stopping the consumers returns
     * it to the queue, so an empty queue then proves it was acknowledged.
     */
    private void awaitActionQueueSettled() {
        MessageListenerContainer container = listeners.getListenerContainer("paymentAction");
        container.stop();
        try {
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> admin.getQueueInfo(ACTION_QUEUE).getMessageCount() == 0);
        } finally {
            container.start();
        }
    }

    private PaymentActionResult convert(Message message) {
        return (PaymentActionResult) rabbit.getMessageConverter().fromMessage(message);
    }

    private static PaymentActionCommand command(ActionType type, String paymentId, long amount, boolean finalCapture) {
        return new PaymentActionCommand("act_" + UUID.randomUUID(), type, paymentId, "mer_test", "piggy-test-001", null,
                amount, "GBP", finalCapture, Instant.now(), Instant.now().plusSeconds(60));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
