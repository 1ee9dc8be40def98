package io.paygate.acquirer.lionbank;

import io.paygate.acquirer.lionbank.testing.LionBankSimulator;
import io.paygate.testing.OwnVirtualHost;
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
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Captures, voids and refunds as deployed: real RabbitMQ, the real Lion Bank simulator over TCP, commands in, results
 * out under the action results key. In a virtual host of its own where the broker allows one, since every action
 * result goes out under the same routing key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class LionBankActionFlowTest {

    private static final String ACQUIRER = "it-lion-act-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ACTION_QUEUE = Topology.acquirerActionQueue(ACQUIRER);
    private static final String RESULTS_QUEUE = "acquirer-it.action-results." + ACQUIRER;
    private static final String MERCHANT = "lion-test-001";
    private static final long AUTHORIZED = 1050;
    private static final OwnVirtualHost virtualHost = OwnVirtualHost.create("paygate-it-lion-actions");
    private static final LionBankSimulator simulator = startSimulator();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    AcquiringBank acquiringBank;

    private final Map<String, List<Message>> results = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", virtualHost::rabbitUri);
        registry.add("paygate.messages.signing.keys", () -> TestInfrastructure.MESSAGE_SIGNING_KEYS);
        registry.add("paygate.acquirer.code", () -> ACQUIRER);
        registry.add("paygate.card-encryption.keys", () -> "test:" + randomKey());
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        registry.add("paygate.lionbank.host", () -> "127.0.0.1");
        registry.add("paygate.lionbank.port", simulator::isoPort);
        registry.add("paygate.lionbank.read-timeout", () -> "1s");
        registry.add("paygate.lionbank.reversal-retry.delay", () -> "20ms");
        registry.add("paygate.lionbank.reversal-retry.max-delay", () -> "100ms");
        registry.add("paygate.lionbank.reversal-retry.jitter", () -> "10ms");
    }

    /** As payment-service's action results queue is bound, but the test's own. */
    @BeforeAll
    void listenForResults() {
        // Durable although deleted afterwards: RabbitMQ 4.3 refuses transient non-exclusive queues.
        Queue queue = new Queue(RESULTS_QUEUE, true, false, false);
        admin.declareQueue(queue);
        // payment-service's exchange, which these tests stand in for, declared as payment-service declares it.
        AuthorizationResultsExchange.declarables().getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(AuthorizationResultsExchange.exchange()).with(Topology.ACTION_RESULTS_ROUTING_KEY));
    }

    @AfterAll
    void deleteQueuesAndStop() throws InterruptedException {
        listeners.stop();
        String authorizations = Topology.acquirerQueue(ACQUIRER);
        String reversals = Topology.acquirerReversalQueue(ACQUIRER);
        List.of(ACTION_QUEUE, Topology.deadLetterQueue(ACTION_QUEUE), RESULTS_QUEUE, authorizations,
                Topology.deadLetterQueue(authorizations), reversals, Topology.deadLetterQueue(reversals),
                reversals + ".retry").forEach(admin::deleteQueue);
        // Closed before their virtual host goes; with the consumers stopped, nothing opens them again.
        connectionFactory.resetConnection();
        virtualHost.close();
        simulator.close();
    }

    @Test
    void captures_an_approved_payment_and_publishes_the_hosts_approval_with_its_reference() {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, 600, false);

        send(capture);

        Message message = awaitResult(capture.actionId());
        PaymentActionResult result = convert(message);
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.acquirerReference()).hasSize(12);
        assertThat(result.acquirer()).isEqualTo(ACQUIRER);
        assertThat(result.type()).isEqualTo(ActionType.CAPTURE);
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(capture.actionId());
        assertThat((String) message.getMessageProperties().getHeader(MessageHeaders.TYPE))
                .isEqualTo(PaymentActionResult.TYPE);
    }

    @Test
    void declines_a_capture_beyond_what_remains_authorised_as_an_invalid_amount() {
        String paymentId = approvedPayment();
        PaymentActionCommand beyond = command(ActionType.CAPTURE, paymentId, AUTHORIZED + 1, false);

        send(beyond);

        assertThat(convert(awaitResult(beyond.actionId())).responseCode()).isEqualTo(ResponseCode.INVALID_AMOUNT);
    }

    @Test
    void captures_once_for_a_command_sent_again() {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, 700, true);
        long capturedBefore = simulator.stat("captured_total");

        send(capture);
        PaymentActionResult first = convert(awaitResult(capture.actionId()));
        send(capture);

        await().atMost(Duration.ofSeconds(15)).until(() -> resultsFor(capture.actionId()).size() == 2);
        assertThat(first.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(resultsFor(capture.actionId())).extracting(message -> convert(message).acquirerReference())
                .containsOnly(first.acquirerReference());
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore + 700);
    }

    @Test
    void refunds_what_was_captured_then_voids_nothing_more() {
        String paymentId = approvedPayment();
        PaymentActionCommand capture = command(ActionType.CAPTURE, paymentId, AUTHORIZED, true);
        send(capture);
        assertThat(convert(awaitResult(capture.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        PaymentActionCommand refund = command(ActionType.REFUND, paymentId, 300, false);

        send(refund);

        assertThat(convert(awaitResult(refund.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
    }

    @Test
    void voids_an_approved_payment_and_finds_no_original_for_an_unknown_one() {
        PaymentActionCommand voiding = command(ActionType.VOID, approvedPayment(), AUTHORIZED, false);
        PaymentActionCommand unknown = command(ActionType.CAPTURE, "pay_" + UUID.randomUUID(), 100, false);

        send(voiding);
        send(unknown);

        assertThat(convert(awaitResult(voiding.actionId())).responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(convert(awaitResult(unknown.actionId())).responseCode()).isEqualTo(ResponseCode.NO_ORIGINAL);
    }

    private String approvedPayment() {
        String paymentId = "pay_" + UUID.randomUUID();
        BankDecision decision = acquiringBank.authorize(new CardAuthorization(paymentId, MERCHANT,
                new CardData("4111111111111111", "737", 12, 2049), AUTHORIZED, "GBP", null));
        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        return paymentId;
    }

    private void send(PaymentActionCommand command) {
        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.actionRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(PaymentActionCommand.TYPE, PaymentActionCommand.VERSION, command.actionId()));
    }

    private Message awaitResult(String actionId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> resultsFor(actionId), received -> !received.isEmpty())
                .getFirst();
    }

    /** The action's results taken from the test's queue so far, after taking all that wait there now. */
    private List<Message> resultsFor(String actionId) {
        for (Message message = rabbit.receive(RESULTS_QUEUE); message != null; message = rabbit.receive(RESULTS_QUEUE)) {
            results.computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new CopyOnWriteArrayList<>())
                    .add(message);
        }
        return results.getOrDefault(actionId, List.of());
    }

    private PaymentActionResult convert(Message message) {
        return (PaymentActionResult) rabbit.getMessageConverter().fromMessage(message);
    }

    private static PaymentActionCommand command(ActionType type, String paymentId, long amount, boolean finalCapture) {
        return new PaymentActionCommand("act_" + UUID.randomUUID(), type, paymentId, "mer_test", MERCHANT, null, amount,
                "GBP", finalCapture, Instant.now(), Instant.now().plusSeconds(60));
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
