package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Piggy Bank adapter against a real HTTP bank: how each answer maps, what is retried, and for how long. */
@ExtendWith(OutputCaptureExtension.class)
class PiggyBankTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** The longest one request can take: connect plus read timeout. */
    private static final Duration LONGEST_REQUEST = CONNECT_TIMEOUT.plus(READ_TIMEOUT);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    private final List<CloseableHttpClient> httpClients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        httpClients.forEach(client -> client.close(CloseMode.IMMEDIATE));
    }

    @AfterAll
    static void stopBank() {
        bank.close();
    }

    @Test
    void approves_with_the_banks_code_a_card_ending_in_an_odd_digit() {
        CardAuthorization authorization = authorization("4111111111111111");

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOfSatisfying(BankDecision.Approved.class,
                approved -> assertThat(approved.authorizationCode()).isNotBlank());
        List<PiggyBankDouble.Request> requests = bank.requestsWithKey(authorization.paymentId());
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.field("card_number")).isEqualTo("4111111111111111");
            assertThat(request.field("expiry_date")).isEqualTo("03/2030");
            assertThat(request.field("currency")).isEqualTo("GBP");
            assertThat(request.field("amount")).isEqualTo("1050");
            assertThat(request.field("cvv")).isEqualTo("737");
        });
    }

    @Test
    void takes_a_refusal_as_final() {
        CardAuthorization authorization = authorization("4111111111111112");

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Refused.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void takes_a_request_the_bank_rejects_as_final() {
        var authorization = new CardAuthorization(paymentId(), new CardData("4111111111111111", null, 3, 2030), 1050, "GBP",
                null);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.RequestRejected.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void retries_a_failing_bank_with_the_same_idempotency_key_then_finds_the_issuer_unavailable() {
        CardAuthorization authorization = authorization("4111111111111110");

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.IssuerUnavailable.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(4);
    }

    @Test
    void approves_once_the_bank_recovers_from_a_transient_failure() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.failNext(2);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(3);
    }

    @Test
    void retries_any_server_error_and_a_request_to_call_again_later() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.answerNextWith(500);
        bank.answerNextWith(429);
        bank.answerNextWith(502);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(4);
    }

    @Test
    void retries_an_answer_cut_short_and_gets_the_banks_first_decision_again() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.cutShortNext(1);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(2);
    }

    @Test
    void does_not_retry_an_answer_that_is_neither_a_decision_nor_a_failure() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.answerNextWith(404);

        assertThatThrownBy(() -> piggyBank(bank.url()).authorize(authorization))
                .hasCauseInstanceOf(UnexpectedBankAnswerException.class)
                .hasMessageContaining(authorization.paymentId());
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void does_not_retry_a_success_without_a_decision() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.answerNextWith(200);

        assertThatThrownBy(() -> piggyBank(bank.url()).authorize(authorization))
                .hasCauseInstanceOf(UnexpectedBankAnswerException.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void retries_a_request_the_bank_does_not_answer_in_time() {
        CardAuthorization authorization = authorization("4111111111111111");
        bank.stallNext(1);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(2);
    }

    @Test
    void finds_the_issuer_unavailable_when_the_bank_cannot_be_reached() throws IOException {
        URI nobodyListens;
        try (var socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        BankDecision decision = piggyBank(nobodyListens).authorize(authorization("4111111111111111"));

        assertThat(decision).isInstanceOf(BankDecision.IssuerUnavailable.class);
    }

    @Test
    void does_not_call_the_bank_for_a_command_that_expires_before_an_answer_is_sure_to_come(CapturedOutput output) {
        CardAuthorization authorization = expiringAt(Instant.now().plus(LONGEST_REQUEST).minusMillis(100),
                "4111111111111111");

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Expired.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).isEmpty();
        assertThat(output).contains("Not asking the Piggy Bank for payment " + authorization.paymentId())
                .doesNotContain("4111111111111111");
    }

    @Test
    void does_not_call_the_bank_for_a_command_that_has_expired() {
        CardAuthorization authorization = expiringAt(Instant.now().minusSeconds(1), "4111111111111111");

        assertThat(piggyBank(bank.url()).authorize(authorization)).isInstanceOf(BankDecision.Expired.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).isEmpty();
    }

    @Test
    void calls_the_bank_while_a_request_is_sure_to_be_over_by_the_expiry() {
        Instant now = Instant.parse("2026-11-26T10:15:30Z");
        CardAuthorization authorization = expiringAt(now.plus(LONGEST_REQUEST), "4111111111111111");

        BankDecision decision = piggyBank(bank.url(), secondPerRequest(authorization.paymentId(), now))
                .authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void stops_retrying_once_another_request_could_outlast_the_command(CapturedOutput output) {
        Instant start = Instant.parse("2026-11-26T10:15:30Z");
        // Each request moves the clock 1 s on: the first starts at 0 s and the retry at 1 s are over by the expiry at
        // 2.5 s, a second retry at 2 s might not be.
        CardAuthorization authorization = expiringAt(start.plusMillis(2500), "4111111111111110");

        BankDecision decision = piggyBank(bank.url(), secondPerRequest(authorization.paymentId(), start))
                .authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Expired.class);
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(2);
        assertThat(output).contains("Stopped retrying payment " + authorization.paymentId() + " after 2 attempts")
                .doesNotContain("4111111111111110");
    }

    @Test
    void reverses_an_authorization_the_bank_approved_under_the_payment_id() {
        PiggyBank piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111111");
        assertThat(piggyBank.authorize(authorization)).isInstanceOf(BankDecision.Approved.class);

        ReversalOutcome outcome = piggyBank.reverse(authorization.paymentId());

        assertThat(outcome).isEqualTo(ReversalOutcome.REVERSED);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(200);
    }

    @Test
    void finds_nothing_to_reverse_for_a_payment_the_bank_refused() {
        PiggyBank piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111112");
        assertThat(piggyBank.authorize(authorization)).isInstanceOf(BankDecision.Refused.class);

        ReversalOutcome outcome = piggyBank.reverse(authorization.paymentId());

        assertThat(outcome).isEqualTo(ReversalOutcome.NOTHING_TO_REVERSE);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(404);
    }

    @Test
    void retries_a_reversal_the_bank_cannot_take_now_under_the_same_payment_id() {
        PiggyBank piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111111");
        piggyBank.authorize(authorization);
        bank.failNextReversals(2);

        ReversalOutcome outcome = piggyBank.reverse(authorization.paymentId());

        assertThat(outcome).isEqualTo(ReversalOutcome.REVERSED);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(503, 503, 200);
    }

    @Test
    void finds_the_bank_unavailable_for_a_reversal_once_its_retries_are_spent() {
        String paymentId = paymentId();
        bank.failNextReversals(4);

        ReversalOutcome outcome = piggyBank(bank.url()).reverse(paymentId);

        assertThat(outcome).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(503, 503, 503, 503);
    }

    @Test
    void retries_a_reversal_the_bank_does_not_answer_in_time() {
        String paymentId = paymentId();
        bank.stallNext(1);

        ReversalOutcome outcome = piggyBank(bank.url()).reverse(paymentId);

        assertThat(outcome).isEqualTo(ReversalOutcome.NOTHING_TO_REVERSE);
        assertThat(bank.reversalsOf(paymentId)).hasSize(2);
    }

    @Test
    void finds_the_bank_unavailable_for_a_reversal_when_it_cannot_be_reached() throws IOException {
        URI nobodyListens;
        try (var socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThat(piggyBank(nobodyListens).reverse(paymentId())).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);
    }

    @Test
    void does_not_retry_an_answer_to_a_reversal_outside_the_banks_api() {
        String paymentId = paymentId();
        bank.answerNextReversalWith(409);

        assertThatThrownBy(() -> piggyBank(bank.url()).reverse(paymentId))
                .hasCauseInstanceOf(UnexpectedBankAnswerException.class)
                .hasMessageContaining(paymentId);
        assertThat(bank.reversalsOf(paymentId)).hasSize(1);
    }

    private PiggyBank piggyBank(URI url) {
        return piggyBank(url, Clock.systemUTC());
    }

    private PiggyBank piggyBank(URI url, Clock clock) {
        var retry = new PiggyBankProperties.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));
        var properties = new PiggyBankProperties(url, CONNECT_TIMEOUT, READ_TIMEOUT, retry, retry,
                new PiggyBankProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3));
        CloseableHttpClient httpClient = PiggyBankConfiguration.httpClient(properties, 10);
        httpClients.add(httpClient);
        return new PiggyBank(new PiggyBankApi(PiggyBankConfiguration.restClient(properties, httpClient, RestClient.builder())),
                properties.retry().policy(), properties.reversalRetry().policy(),
                CircuitBreaker.of("piggyBank", properties.circuitBreaker().config()), clock, properties.longestRequest());
    }

    /** A clock that moves one second on with every request the bank has received under the key, and only then. */
    private static Clock secondPerRequest(String idempotencyKey, Instant start) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(bank.requestsWithKey(idempotencyKey).size());
            }
        };
    }

    private static CardAuthorization authorization(String cardNumber) {
        return new CardAuthorization(paymentId(), new CardData(cardNumber, "737", 3, 2030), 1050, "GBP", null);
    }

    private static CardAuthorization expiringAt(Instant expiresAt, String cardNumber) {
        return new CardAuthorization(paymentId(), new CardData(cardNumber, "737", 3, 2030), 1050, "GBP", expiresAt);
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }
}
