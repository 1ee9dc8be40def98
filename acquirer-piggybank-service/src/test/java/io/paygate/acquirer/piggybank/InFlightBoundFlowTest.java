package io.paygate.acquirer.piggybank;

import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code paygate.acquirer.max-in-flight} as deployed: real RabbitMQ, a real HTTP bank that takes its time. */
class InFlightBoundFlowTest extends AcquirerFlowTest {

    private static final String ACQUIRER = "it-bound-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REPLY_TO = replyTo(ACQUIRER);
    private static final String REPLY_QUEUE = replyQueue(ACQUIRER);
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final int CONSUMERS = 2;
    private static final int MAX_IN_FLIGHT = 20;
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    InFlightBoundFlowTest() {
        super(ACQUIRER, bank);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registerAdapter(registry, ACQUIRER, CARD_KEY, bank);
        registry.add("paygate.acquirer.consumers", () -> CONSUMERS);
        registry.add("paygate.acquirer.max-in-flight", () -> MAX_IN_FLIGHT);
    }

    @BeforeAll
    void listenForResults() {
        listenForResults(REPLY_QUEUE, REPLY_TO);
    }

    @Test
    void never_has_more_commands_at_the_bank_than_its_bound() {
        List<AuthorizePayment> commands = IntStream.range(0, 5 * MAX_IN_FLIGHT).mapToObj(i -> command()).toList();
        bank.answerAfter(Duration.ofMillis(200));
        bank.resetPeak();

        commands.forEach(this::send);

        await().atMost(Duration.ofSeconds(30)).until(() -> commands.stream()
                .allMatch(command -> !resultsFor(command.paymentId()).isEmpty()));
        // The bound, used in full: commands beyond it waited in the queue, not at the bank.
        assertThat(bank.peakAuthorizationsInFlight()).isEqualTo(MAX_IN_FLIGHT);
        awaitSettled("authorizePayment", Topology.acquirerQueue(ACQUIRER));
    }

    private static AuthorizePayment command() {
        String paymentId = paymentId();
        return new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                CIPHER.seal(new CardData("4111111111111111", "737", 12, 2030), paymentId), REPLY_TO, Instant.now(),
                Instant.now().plusSeconds(60));
    }
}
