package io.paygate.acquirer.piggybank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.ReversePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.events.card.CardData;
import io.paygate.support.amqp.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reversal commands as deployed: real RabbitMQ with the reversal, retry and dead-letter queues, a real HTTP bank. */
class ReversalFlowTest extends AcquirerFlowTest {

    private static final String ACQUIRER = "it-rev-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REVERSAL_QUEUE = Topology.acquirerReversalQueue(ACQUIRER);
    private static final String RETRY_QUEUE = REVERSAL_QUEUE + ".retry";
    private static final String DEAD_LETTER_QUEUE = Topology.deadLetterQueue(REVERSAL_QUEUE);
    private static final String APPROVED_CARD = "4111111111111111";
    /** The reversal's in-process budget: the first attempt and two retries. */
    private static final int ATTEMPTS_PER_DELIVERY = 3;
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    ReversalFlowTest() {
        super(ACQUIRER, bank);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registerAdapter(registry, ACQUIRER, randomKey(), bank);
        registry.add("paygate.piggybank.reversal-retry.max-retries", () -> ATTEMPTS_PER_DELIVERY - 1);
        registry.add("paygate.piggybank.reversal-retry.delay", () -> "20ms");
        registry.add("paygate.piggybank.reversal-retry.max-delay", () -> "100ms");
        registry.add("paygate.piggybank.reversal-retry.jitter", () -> "10ms");
        registry.add("paygate.reversals.retry-delay", () -> RETRY_DELAY.toMillis() + "ms");
    }

    @Autowired
    AcquiringBank acquiringBank;

    @Autowired
    CircuitBreaker bankCircuitBreaker;

    @AfterEach
    void closeTheCircuit() {
        bankCircuitBreaker.transitionToClosedState();
    }

    @Test
    void reverses_an_approved_payment_at_the_bank_once_and_acknowledges_the_command(CapturedOutput output) {
        String paymentId = approvedPayment();

        send(reversal(paymentId));

        awaitReversalAnswered(paymentId, 200);
        awaitQueuesSettled();
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status).containsExactly(200);
        assertThat(deadLettersFor(paymentId)).isEmpty();
        assertThat(output).contains("Payment " + paymentId + " reversed").doesNotContain(APPROVED_CARD);
    }

    @Test
    void acknowledges_a_reversal_the_bank_has_nothing_to_reverse_for(CapturedOutput output) {
        String paymentId = paymentId();

        send(reversal(paymentId));

        awaitReversalAnswered(paymentId, 404);
        awaitQueuesSettled();
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status).containsExactly(404);
        assertThat(deadLettersFor(paymentId)).isEmpty();
        assertThat(output).contains("Payment " + paymentId + " has nothing to reverse");
    }

    @Test
    void retries_a_reversal_the_bank_cannot_take_now_until_the_bank_reverses_it(CapturedOutput output) {
        String paymentId = approvedPayment();
        // More failures than one delivery's retries: the reversal waits in the retry queue, then comes back.
        int failures = ATTEMPTS_PER_DELIVERY + 2;
        bank.failNextReversals(failures);

        send(reversal(paymentId));

        awaitReversalAnswered(paymentId, 200);
        awaitQueuesSettled();
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status)
                .hasSize(failures + 1)
                .containsOnlyOnce(200)
                .endsWith(200);
        assertThat(output).contains("Reversal of payment " + paymentId + " deferred");
        assertThat(deadLettersFor(paymentId)).isEmpty();
    }

    @Test
    void defers_a_reversal_without_calling_the_bank_while_the_circuit_is_open(CapturedOutput output) {
        String paymentId = approvedPayment();
        bankCircuitBreaker.transitionToOpenStateFor(Duration.ofMinutes(10));

        send(reversal(paymentId));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> output.toString().contains("Reversal of payment " + paymentId + " deferred"));
        // Parked, not dead-lettered, and the bank left alone for as long as the circuit stays open.
        await().during(RETRY_DELAY.multipliedBy(3)).atMost(RETRY_DELAY.multipliedBy(6))
                .until(() -> bank.reversalsOf(paymentId).isEmpty());
        assertThat(deadLettersFor(paymentId)).isEmpty();

        bankCircuitBreaker.transitionToClosedState();

        awaitReversalAnswered(paymentId, 200);
        awaitQueuesSettled();
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status).containsExactly(200);
    }

    @Test
    void dead_letters_a_reversal_of_an_unknown_version_without_calling_the_bank() {
        ReversePayment command = reversal(approvedPayment());

        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(ReversePayment.TYPE, ReversePayment.VERSION + 1, command.paymentId()));

        awaitDeadLetter(command.paymentId());
        assertThat(bank.reversalsOf(command.paymentId())).isEmpty();
    }

    @Test
    void dead_letters_a_message_of_another_type_on_the_reversal_key() {
        ReversePayment command = reversal(approvedPayment());

        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped("AuthorizePayment", ReversePayment.VERSION, command.paymentId()));

        awaitDeadLetter(command.paymentId());
        assertThat(bank.reversalsOf(command.paymentId())).isEmpty();
    }

    @Test
    void dead_letters_a_reversal_whose_body_does_not_convert() {
        String paymentId = paymentId();
        Message garbage = unconvertible(ReversePayment.TYPE, ReversePayment.VERSION, paymentId);

        rabbit.send(Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(ACQUIRER), garbage);

        awaitDeadLetter(paymentId);
        assertThat(bank.reversalsOf(paymentId)).isEmpty();
    }

    @Test
    void serves_its_health_over_http_while_consuming_reversals() throws IOException, InterruptedException {
        assertThat(listeners.getListenerContainer("reversePayment").isRunning()).isTrue();

        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    private String approvedPayment() {
        String paymentId = paymentId();
        BankDecision decision = acquiringBank.authorize(
                new CardAuthorization(paymentId, "acq_merchant_1", new CardData(APPROVED_CARD, "737", 12, 2030), 1050, "GBP", null));
        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        return paymentId;
    }

    private void awaitReversalAnswered(String paymentId, int status) {
        await().atMost(Duration.ofSeconds(15)).until(() -> bank.reversalsOf(paymentId).stream()
                .anyMatch(reversal -> reversal.status() == status));
    }

    private void awaitDeadLetter(String paymentId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !deadLettersFor(paymentId).isEmpty());
    }

    private void awaitQueuesSettled() {
        awaitSettled("reversePayment", REVERSAL_QUEUE, RETRY_QUEUE);
    }

    private List<Message> deadLettersFor(String paymentId) {
        return receivedFrom(DEAD_LETTER_QUEUE, paymentId);
    }

    private static ReversePayment reversal(String paymentId) {
        return new ReversePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                ResponseCode.RESPONSE_TOO_LATE, Instant.now());
    }
}
