package io.paygate.acquirer.piggybank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Piggy Bank's circuit breaker as deployed: commands through real RabbitMQ, a real HTTP bank, health over HTTP.
 * Two payments the bank leaves unanswered open the breaker; it then stays open for the rest of each test.
 */
class IssuerUnavailableFlowTest extends AcquirerFlowTest {

    private static final String ACQUIRER = "it-cb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REPLY_TO = replyTo(ACQUIRER);
    private static final String REPLY_QUEUE = replyQueue(ACQUIRER);
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final String APPROVED_CARD = "4111111111111111";
    /** The bank answers 503 to this card, every time. */
    private static final String UNAVAILABLE_CARD = "4111111111111110";
    private static final int PAYMENTS_TO_OPEN = 2;
    /** Back-off of one payment the bank never answers: 0.5 s + 1 s + 2 s, each give or take the jitter. */
    private static final Duration RETRY_BUDGET = Duration.ofMillis(3500);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    IssuerUnavailableFlowTest() {
        super(ACQUIRER, bank);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registerAdapter(registry, ACQUIRER, CARD_KEY, bank);
        registry.add("paygate.piggybank.retry.max-retries", () -> 3);
        registry.add("paygate.piggybank.retry.delay", () -> "500ms");
        registry.add("paygate.piggybank.retry.max-delay", () -> "2s");
        registry.add("paygate.piggybank.retry.jitter", () -> "50ms");
        registry.add("paygate.piggybank.circuit-breaker.sliding-window-size", () -> PAYMENTS_TO_OPEN);
        registry.add("paygate.piggybank.circuit-breaker.minimum-number-of-calls", () -> PAYMENTS_TO_OPEN);
        registry.add("paygate.piggybank.circuit-breaker.wait-duration-in-open-state", () -> "10m");
    }

    @Autowired
    CircuitBreaker bankCircuitBreaker;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void listenForResults() {
        listenForResults(REPLY_QUEUE, REPLY_TO);
    }

    /** With fresh counts; unlike {@code reset()}, this also cancels the pending move to half-open. */
    @AfterEach
    void closeTheCircuit() {
        bankCircuitBreaker.transitionToClosedState();
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
        assertThat(result.notSentToBank()).as("never sent, so the payment may go to another acquirer").isTrue();
        assertThat(result.acquirer()).isEqualTo(ACQUIRER);
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
        assertThat(json.readTree(closed.body()).at("/components/acquiringBank/details/circuitBreaker").asString())
                .isEqualTo("CLOSED");

        openTheCircuit();

        HttpResponse<String> service = get("/actuator/health");
        assertThat(service.statusCode()).isEqualTo(200);
        JsonNode serviceHealth = json.readTree(service.body());
        assertThat(serviceHealth.get("status").asString()).isEqualTo("UP");
        assertThat(serviceHealth.at("/components/acquiringBank/status").asString()).isEqualTo("CIRCUIT_OPEN");
        HttpResponse<String> bankGroup = get("/actuator/health/bank");
        assertThat(bankGroup.statusCode()).isEqualTo(503);
        JsonNode bankHealth = json.readTree(bankGroup.body());
        assertThat(bankHealth.get("status").asString()).isEqualTo("CIRCUIT_OPEN");
        assertThat(bankHealth.at("/components/acquiringBank/details/circuitBreaker").asString()).isEqualTo("OPEN");
        assertThat(bankHealth.at("/components/acquiringBank/details/failedPayments").asInt()).isEqualTo(PAYMENTS_TO_OPEN);
    }

    /** Payments the bank never answers, all at once: the circuit opens about one retry budget later. */
    private void openTheCircuit() {
        List<AuthorizePayment> unanswered = IntStream.range(0, PAYMENTS_TO_OPEN)
                .mapToObj(i -> command(UNAVAILABLE_CARD)).toList();
        unanswered.forEach(this::send);
        unanswered.forEach(payment -> {
            AuthorizationResult result = awaitResult(payment.paymentId());
            assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
            assertThat(result.notSentToBank()).as("sent, so the bank may hold an approval").isFalse();
            assertThat(bank.requestsWithKey(payment.paymentId())).hasSize(4);
        });
        assertThat(bankCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private AuthorizationResult awaitResult(String paymentId) {
        Message message = await().atMost(RETRY_BUDGET.multipliedBy(4)).pollInterval(Duration.ofMillis(10))
                .until(() -> resultsFor(paymentId), received -> !received.isEmpty())
                .getLast();
        return (AuthorizationResult) rabbit.getMessageConverter().fromMessage(message);
    }

    private static AuthorizePayment command(String cardNumber) {
        String paymentId = paymentId();
        return new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                CIPHER.seal(new CardData(cardNumber, "737", 12, 2030), paymentId), REPLY_TO, Instant.now(), null);
    }
}
