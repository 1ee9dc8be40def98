package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
import io.paygate.acquirer.piggybank.domain.ReversalOutcome;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.card.CardData;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker around the Piggy Bank against a real HTTP bank. It opens once half of 4 payments found the bank
 * down, waits 200 ms, then lets 2 trial payments decide.
 */
@ExtendWith(OutputCaptureExtension.class)
class PiggyBankCircuitBreakerTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String REFUSED_CARD = "4111111111111112";
    /** The bank answers 503 to this card, every time. */
    private static final String UNAVAILABLE_CARD = "4111111111111110";
    private static final int MINIMUM_PAYMENTS = 4;
    private static final int TRIAL_PAYMENTS = 2;
    private static final PiggyBankProperties.CircuitBreaker BREAKER = new PiggyBankProperties.CircuitBreaker(
            50, MINIMUM_PAYMENTS, MINIMUM_PAYMENTS, Duration.ofMillis(200), TRIAL_PAYMENTS);
    private static final PiggyBankProperties.Retry QUICK_RETRIES =
            new PiggyBankProperties.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));

    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    private final CircuitBreaker circuitBreaker = CircuitBreaker.of("piggyBank", BREAKER.config());
    private final List<CloseableHttpClient> httpClients = new ArrayList<>();
    private final PiggyBank piggyBank = piggyBank(QUICK_RETRIES);

    /** Also cancels a pending move to half-open, which would otherwise log into the next test's output. */
    @AfterEach
    void closeCircuitAndClients() {
        circuitBreaker.transitionToClosedState();
        httpClients.forEach(client -> client.close(CloseMode.IMMEDIATE));
    }

    @AfterAll
    static void stopBank() {
        bank.close();
    }

    @Test
    void opens_after_payments_the_bank_left_unanswered_then_declines_without_calling_it() {
        IntStream.range(1, MINIMUM_PAYMENTS).forEach(i -> assertThat(authorize(UNAVAILABLE_CARD))
                .isInstanceOf(BankDecision.IssuerUnavailable.class));
        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);

        authorize(UNAVAILABLE_CARD);

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        CardAuthorization payment = authorization(APPROVED_CARD);
        assertThat(piggyBank.authorize(payment)).isInstanceOf(BankDecision.IssuerUnavailable.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
        assertThat(circuitBreaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void counts_a_payment_once_however_many_attempts_it_took() {
        CardAuthorization unanswered = authorization(UNAVAILABLE_CARD);
        piggyBank.authorize(unanswered);
        bank.failNext(2);
        CardAuthorization answeredOnTheThirdAttempt = authorization(APPROVED_CARD);

        assertThat(piggyBank.authorize(answeredOnTheThirdAttempt)).isInstanceOf(BankDecision.Approved.class);

        assertThat(bank.requestsWithKey(unanswered.paymentId())).hasSize(4);
        assertThat(bank.requestsWithKey(answeredOnTheThirdAttempt.paymentId())).hasSize(3);
        CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void never_counts_a_refusal_or_a_rejected_request_as_a_failure() {
        List<CardAuthorization> payments = new ArrayList<>();
        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> {
            payments.add(authorization(REFUSED_CARD));
            payments.add(new CardAuthorization(paymentId(), new CardData(APPROVED_CARD, null, 3, 2030), 1050, "GBP", null));
        });

        payments.forEach(piggyBank::authorize);

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(circuitBreaker.getMetrics().getFailureRate()).isZero();
        payments.forEach(payment -> assertThat(bank.requestsWithKey(payment.paymentId())).hasSize(1));
    }

    @Test
    void leaves_answers_it_cannot_use_out_of_the_count() {
        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> {
            bank.answerNextWith(404);
            assertThatThrownBy(() -> authorize(APPROVED_CARD)).hasCauseInstanceOf(UnexpectedBankAnswerException.class);
        });

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(circuitBreaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void closes_again_once_the_trial_payments_after_the_open_wait_get_answers() {
        open();

        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.Approved.class);
        assertThat(circuitBreaker.getState()).isEqualTo(State.HALF_OPEN);
        assertThat(authorize(REFUSED_CARD)).isInstanceOf(BankDecision.Refused.class);

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void opens_again_when_the_trial_payments_find_the_bank_still_down() {
        open();
        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);

        IntStream.range(0, TRIAL_PAYMENTS).forEach(i -> authorize(UNAVAILABLE_CARD));

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.IssuerUnavailable.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void stops_retrying_a_payment_when_the_breaker_opens_meanwhile() throws Exception {
        // Half a second before the first retry: time enough for the breaker to open in between.
        PiggyBank patient = piggyBank(
                new PiggyBankProperties.Retry(3, Duration.ofMillis(500), 2, Duration.ofSeconds(2), Duration.ZERO));
        CardAuthorization payment = authorization(UNAVAILABLE_CARD);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<BankDecision> decision = CompletableFuture.supplyAsync(() -> patient.authorize(payment), executor);
            await().atMost(Duration.ofSeconds(5)).until(() -> bank.requestsWithKey(payment.paymentId()).size() == 1);
            circuitBreaker.transitionToOpenStateFor(Duration.ofMinutes(1));

            // Well before the 3.5 s its three retries would take.
            assertThat(decision.get(2, TimeUnit.SECONDS)).isInstanceOf(BankDecision.IssuerUnavailable.class);
        }
        assertThat(bank.requestsWithKey(payment.paymentId())).hasSize(1);
    }

    @Test
    void logs_each_change_of_state_once_and_no_declined_payment(CapturedOutput output) {
        open();
        List<CardAuthorization> declined = IntStream.range(0, 5).mapToObj(i -> authorization(APPROVED_CARD)).toList();
        declined.forEach(piggyBank::authorize);
        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);
        IntStream.range(0, TRIAL_PAYMENTS).forEach(i -> authorize(APPROVED_CARD));

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(occurrences(output, "WARN .* Piggy Bank circuit breaker CLOSED -> OPEN: 100 % of the last payments"))
                .isOne();
        assertThat(occurrences(output, "WARN .* Piggy Bank circuit breaker OPEN -> HALF_OPEN: letting 2 trial payments"))
                .isOne();
        assertThat(occurrences(output, "WARN .* Piggy Bank circuit breaker HALF_OPEN -> CLOSED")).isOne();
        declined.forEach(payment -> assertThat(output).doesNotContain(payment.paymentId()));
        // Whatever the log level (DEBUG unless a Spring test configured logging first), no card number anywhere.
        assertThat(output).doesNotContain(APPROVED_CARD).doesNotContain(UNAVAILABLE_CARD);
    }

    @Test
    void defers_a_reversal_without_calling_the_bank_while_the_circuit_is_open() {
        CardAuthorization approved = authorization(APPROVED_CARD);
        piggyBank.authorize(approved);
        open();

        assertThat(piggyBank.reverse(approved.paymentId())).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);

        assertThat(bank.reversalsOf(approved.paymentId())).isEmpty();
    }

    @Test
    void counts_reversals_the_bank_leaves_unanswered_against_the_same_bank_as_payments() {
        bank.failNextReversals(MINIMUM_PAYMENTS * 4);

        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> assertThat(piggyBank.reverse(paymentId()))
                .isEqualTo(ReversalOutcome.BANK_UNAVAILABLE));

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.IssuerUnavailable.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
    }

    private void open() {
        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> authorize(UNAVAILABLE_CARD));
        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
    }

    private BankDecision authorize(String cardNumber) {
        return piggyBank.authorize(authorization(cardNumber));
    }

    private PiggyBank piggyBank(PiggyBankProperties.Retry retry) {
        // Nothing here stalls: a generous read timeout keeps a cold first request from turning into a retry.
        var properties = new PiggyBankProperties(bank.url(), Duration.ofSeconds(1), Duration.ofSeconds(2), retry, retry,
                BREAKER);
        CloseableHttpClient httpClient = PiggyBankConfiguration.httpClient(properties, 10);
        httpClients.add(httpClient);
        return new PiggyBank(new PiggyBankApi(PiggyBankConfiguration.restClient(properties, httpClient, RestClient.builder())),
                retry.policy(), retry.policy(), circuitBreaker, Clock.systemUTC(), properties.longestRequest());
    }

    private static long occurrences(CapturedOutput output, String regex) {
        return Pattern.compile(regex).matcher(output.getAll()).results().count();
    }

    private static CardAuthorization authorization(String cardNumber) {
        return new CardAuthorization(paymentId(), new CardData(cardNumber, "737", 3, 2030), 1050, "GBP", null);
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }
}
