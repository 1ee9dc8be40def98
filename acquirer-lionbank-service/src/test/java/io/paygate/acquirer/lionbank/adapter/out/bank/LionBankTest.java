package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.lionbank.testing.LionBankSimulator;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client against the real Lion Bank simulator, over TCP. */
class LionBankTest {

    private static final String GOOD_CARD = "4111111111111111";
    private static final String NEVER_ANSWERED_CARD = "4000000000009995";
    private static final String MERCHANT = "acq_merchant_42";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private static LionBankSimulator simulator;

    private LionBankConnection connection;
    private LionBank lionBank;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = LionBankSimulator.start();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulator.close();
    }

    @BeforeEach
    void connect() {
        simulator.resetFaults();
        LionBankProperties properties = properties(Duration.ofSeconds(30));
        var requests = new LionBankRequests(properties.terminalId());
        connection = new LionBankConnection(properties, requests, Clock.systemUTC());
        lionBank = new LionBank(connection, requests, properties.longestRequest());
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void approves_with_the_issuers_authorisation_code() {
        BankDecision decision = lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1050, 2049));

        assertThat(decision).isInstanceOfSatisfying(BankDecision.Approved.class,
                approved -> assertThat(approved.authorizationCode()).hasSize(6));
    }

    @Test
    void declines_for_the_reason_the_issuer_gives() {
        assertThat(lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1051, 2049)))
                .isEqualTo(new BankDecision.Declined(ResponseCode.INSUFFICIENT_FUNDS));
        assertThat(lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1054, 2049)))
                .isEqualTo(new BankDecision.Declined(ResponseCode.EXPIRED_CARD));
    }

    @Test
    void declines_an_expired_card() {
        assertThat(lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1050, 2020)))
                .isEqualTo(new BankDecision.Declined(ResponseCode.EXPIRED_CARD));
    }

    @Test
    void declines_a_card_number_the_issuer_finds_invalid() {
        assertThat(lionBank.authorize(authorization(paymentId(), "4111111111111112", 1050, 2049)))
                .isEqualTo(new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR));
    }

    @Test
    void finds_the_bank_unreachable_when_the_issuer_is_unavailable() {
        assertThatThrownBy(() -> lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1091, 2049)))
                .isInstanceOf(BankUnreachableException.class)
                .hasMessageContaining("91");
    }

    @Test
    void finds_the_bank_unreachable_when_no_answer_comes_within_the_read_timeout() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> lionBank.authorize(authorization(paymentId(), NEVER_ANSWERED_CARD, 1050, 2049)))
                .isInstanceOf(BankUnreachableException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(READ_TIMEOUT, READ_TIMEOUT.multipliedBy(3));
    }

    @Test
    void answers_a_repeated_payment_as_the_same_transaction_never_approving_it_twice() {
        long duplicates = simulator.stat("duplicates");
        CardAuthorization authorization = authorization(paymentId(), GOOD_CARD, 1050, 2049);

        BankDecision first = lionBank.authorize(authorization);
        BankDecision repeated = lionBank.authorize(authorization);

        assertThat(first).isInstanceOf(BankDecision.Approved.class).isEqualTo(repeated);
        assertThat(simulator.stat("duplicates")).isEqualTo(duplicates + 1);
        assertThat(simulator.stat("approved_more_than_once")).isZero();
    }

    @Test
    void keeps_many_authorisations_in_flight_on_the_one_connection() throws Exception {
        simulator.faults("{\"latency_fixed_ms\": 300}");
        List<Callable<BankDecision>> payments = IntStream.range(0, 20)
                .<Callable<BankDecision>>mapToObj(i -> () -> lionBank.authorize(
                        authorization(paymentId(), GOOD_CARD, i % 2 == 0 ? 1050 : 1051, 2049)))
                .toList();
        long started = System.nanoTime();

        List<BankDecision> decisions;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            decisions = threads.invokeAll(payments).stream().map(LionBankTest::result).toList();
        }

        // One after the other they would take 20 times the latency, 6 s: together, about one latency.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(decisions).filteredOn(BankDecision.Approved.class::isInstance).hasSize(10);
        assertThat(decisions).filteredOn(new BankDecision.Declined(ResponseCode.INSUFFICIENT_FUNDS)::equals).hasSize(10);
    }

    @Test
    void reverses_an_approved_payment() {
        long reversals = simulator.stat("reversals");
        String paymentId = paymentId();
        lionBank.authorize(authorization(paymentId, GOOD_CARD, 1050, 2049));

        assertThat(lionBank.reverse(new PaymentReversal(paymentId, MERCHANT))).isEqualTo(ReversalOutcome.REVERSED);

        assertThat(simulator.stat("reversals")).isEqualTo(reversals + 1);
    }

    @Test
    void repeats_an_unanswered_reversal_as_an_0401() {
        long repeats = simulator.stat("reversal_repeats");
        String paymentId = paymentId();
        lionBank.authorize(authorization(paymentId, GOOD_CARD, 1050, 2049));
        simulator.faults("{\"drop_rate\": 1}");
        assertThatThrownBy(() -> lionBank.reverse(new PaymentReversal(paymentId, MERCHANT)))
                .isInstanceOf(BankUnreachableException.class);
        simulator.resetFaults();

        assertThat(lionBank.reverse(new PaymentReversal(paymentId, MERCHANT))).isEqualTo(ReversalOutcome.REVERSED);

        assertThat(simulator.stat("reversal_repeats")).isEqualTo(repeats + 1);
    }

    @Test
    void fails_the_requests_of_a_lost_connection_and_reconnects_for_the_next() {
        simulator.faults("{\"close_rate\": 1}");
        long started = System.nanoTime();
        assertThatThrownBy(() -> lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1050, 2049)))
                .isInstanceOf(BankUnreachableException.class)
                .hasMessageContaining("lost");
        // Failed when the connection closed, not at the read timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT);
        simulator.resetFaults();

        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(BankUnreachableException.class)
                .until(() -> lionBank.authorize(authorization(paymentId(), GOOD_CARD, 1050, 2049))
                        instanceof BankDecision.Approved);
    }

    @Test
    void sends_echoes_on_an_idle_connection() {
        connection.close();
        connection = new LionBankConnection(properties(Duration.ofMillis(100)), new LionBankRequests("LION0001"),
                Clock.systemUTC());
        long echoes = simulator.stat("echoes");

        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.stat("echoes") >= echoes + 2);
    }

    @Test
    void finds_the_bank_unreachable_when_nobody_listens() {
        connection.close();
        LionBankProperties nobodyListens = new LionBankProperties("127.0.0.1", 1, Duration.ofMillis(500), READ_TIMEOUT,
                Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(500), "LION0001", retry(), retry(),
                breaker());
        var requests = new LionBankRequests("LION0001");
        connection = new LionBankConnection(nobodyListens, requests, Clock.systemUTC());
        var unreachable = new LionBank(connection, requests, nobodyListens.longestRequest());

        assertThatThrownBy(() -> unreachable.authorize(authorization(paymentId(), GOOD_CARD, 1050, 2049)))
                .isInstanceOf(BankUnreachableException.class);
    }

    private static LionBankProperties properties(Duration echoInterval) {
        return new LionBankProperties("127.0.0.1", simulator.isoPort(), Duration.ofMillis(500), READ_TIMEOUT,
                echoInterval, Duration.ofMillis(50), Duration.ofMillis(500), "LION0001", retry(), retry(), breaker());
    }

    private static BankCallSettings.Retry retry() {
        return new BankCallSettings.Retry(1, Duration.ofMillis(10), 2, Duration.ofMillis(100), Duration.ZERO);
    }

    private static BankCallSettings.CircuitBreaker breaker() {
        return new BankCallSettings.CircuitBreaker(50, 10, 10, Duration.ofSeconds(1), 1);
    }

    private static CardAuthorization authorization(String paymentId, String card, long amount, int expiryYear) {
        return new CardAuthorization(paymentId, MERCHANT, new CardData(card, "737", 12, expiryYear), amount, "GBP", null);
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }

    private static BankDecision result(Future<BankDecision> decision) {
        try {
            return decision.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
