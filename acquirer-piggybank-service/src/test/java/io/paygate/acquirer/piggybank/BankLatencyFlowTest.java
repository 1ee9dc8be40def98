package io.paygate.acquirer.piggybank;

import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How many commands the adapter works on at once when the bank takes its time, and what becomes of the commands in
 * flight when its consumers stop: real RabbitMQ, a real HTTP bank.
 */
class BankLatencyFlowTest extends AcquirerFlowTest {

    private static final String ACQUIRER = "it-lat-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String COMMAND_QUEUE = Topology.acquirerQueue(ACQUIRER);
    private static final String REPLY_TO = replyTo(ACQUIRER);
    private static final String REPLY_QUEUE = replyQueue(ACQUIRER);
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final String LISTENER = "authorizePayment";
    private static final int CONSUMERS = 2;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    BankLatencyFlowTest() {
        super(ACQUIRER, bank);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registerAdapter(registry, ACQUIRER, CARD_KEY, bank);
        registry.add("paygate.acquirer.consumers", () -> CONSUMERS);
        registry.add("paygate.acquirer.max-in-flight", () -> 1000);
        registry.add("paygate.acquirer.shutdown-grace", () -> SHUTDOWN_GRACE.toMillis() + "ms");
        // Longer than any latency below: a slow answer is still an answer here.
        registry.add("paygate.piggybank.read-timeout", () -> "10s");
    }

    @BeforeAll
    void listenForResults() {
        listenForResults(REPLY_QUEUE, REPLY_TO);
    }

    @AfterEach
    void answerAtOnce() {
        bank.answerAfter(Duration.ZERO);
    }

    @Test
    void works_on_many_times_more_commands_at_once_than_it_has_consumers() {
        Duration latency = Duration.ofMillis(300);
        List<AuthorizePayment> commands = commands(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> bank.authorizationsInFlight() == 0);
        bank.answerAfter(latency);
        bank.resetPeak();

        long sent = System.nanoTime();
        commands.forEach(this::send);
        awaitResults(commands, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        // A consumer working on one command at a time would allow 2 bank calls at once, and take 200 * 0.3 s / 2 = 30 s.
        assertThat(bank.peakAuthorizationsInFlight()).isGreaterThanOrEqualTo(25 * CONSUMERS);
        assertThat(took).isLessThan(latency.multipliedBy(commands.size() / CONSUMERS).dividedBy(3));
        awaitSettled(LISTENER, COMMAND_QUEUE);
        commands.forEach(command -> assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty());
    }

    @Test
    void settles_the_commands_in_flight_before_its_consumers_stop() {
        List<AuthorizePayment> commands = commands(30);
        bank.answerAfter(Duration.ofMillis(800));
        commands.forEach(this::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> bank.authorizationsInFlight() == commands.size());

        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        container.stop();
        try {
            // Every result was out by the time the consumers stopped...
            commands.forEach(command -> assertThat(resultsFor(command.paymentId())).hasSize(1));
            // ...and every command acknowledged: closing the channels returned none of them to the queue.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> admin.getQueueInfo(COMMAND_QUEUE).getMessageCount() == 0);
            commands.forEach(command -> assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty());
        } finally {
            container.start();
        }
    }

    @Test
    void returns_the_commands_still_at_the_bank_after_the_grace_to_the_queue() {
        List<AuthorizePayment> commands = commands(10);
        bank.answerAfter(SHUTDOWN_GRACE.multipliedBy(3));
        commands.forEach(this::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> bank.authorizationsInFlight() == commands.size());

        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        container.stop();
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> admin.getQueueInfo(COMMAND_QUEUE).getMessageCount() == commands.size());
            commands.forEach(command -> assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty());
        } finally {
            bank.answerAfter(Duration.ZERO);
            container.start();
        }

        // Taken again once the consumers are back: answered, acknowledged, none lost.
        awaitResults(commands, Duration.ofSeconds(20));
        awaitSettled(LISTENER, COMMAND_QUEUE);
        commands.forEach(command -> assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty());
    }

    private void awaitResults(List<AuthorizePayment> commands, Duration within) {
        await().atMost(within).until(() -> commands.stream()
                .allMatch(command -> !resultsFor(command.paymentId()).isEmpty()));
    }



    /** Cards the bank approves, each payment its own. */
    private static List<AuthorizePayment> commands(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            String paymentId = paymentId();
            return new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                    CIPHER.seal(new CardData("4111111111111111", "737", 12, 2030), paymentId), REPLY_TO, Instant.now(),
                    Instant.now().plusSeconds(60));
        }).toList();
    }
}
