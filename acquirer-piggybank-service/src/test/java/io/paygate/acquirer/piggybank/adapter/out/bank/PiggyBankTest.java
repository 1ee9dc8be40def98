package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.acquirer.support.application.BankCallPolicy;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Piggy Bank against a real HTTP bank: how each of its answers maps, and which count as no answer, to retry. */
class PiggyBankTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
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
    void declines_a_refusal_as_do_not_honour_and_takes_it_as_final() {
        CardAuthorization authorization = authorization("4111111111111112");

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isEqualTo(new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR));
        assertThat(bank.requestsWithKey(authorization.paymentId())).hasSize(1);
    }

    @Test
    void declines_a_request_the_bank_rejects_as_do_not_honour_and_takes_it_as_final() {
        var authorization = new CardAuthorization(paymentId(), "acq_merchant_1", new CardData("4111111111111111", null, 3, 2030), 1050, "GBP",
                null);

        BankDecision decision = piggyBank(bank.url()).authorize(authorization);

        assertThat(decision).isEqualTo(new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR));
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
    void finds_a_payment_not_sent_when_the_bank_refuses_every_connection() throws IOException {
        URI nobodyListens;
        try (var socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        BankDecision decision = piggyBank(nobodyListens).authorize(authorization("4111111111111111"));

        // Nothing reached the bank, so nothing can be approved there: the payment may go to another acquirer.
        assertThat(decision).isInstanceOf(BankDecision.NotSent.class);
    }

    @Test
    void reverses_an_authorization_the_bank_approved_under_the_payment_id() {
        BankCallPolicy piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111111");
        assertThat(piggyBank.authorize(authorization)).isInstanceOf(BankDecision.Approved.class);

        ReversalOutcome outcome = piggyBank.reverse(new PaymentReversal(authorization.paymentId(), "acq_merchant_1"));

        assertThat(outcome).isEqualTo(ReversalOutcome.REVERSED);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(200);
    }

    @Test
    void finds_nothing_to_reverse_for_a_payment_the_bank_refused() {
        BankCallPolicy piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111112");
        assertThat(piggyBank.authorize(authorization)).isInstanceOf(BankDecision.Declined.class);

        ReversalOutcome outcome = piggyBank.reverse(new PaymentReversal(authorization.paymentId(), "acq_merchant_1"));

        assertThat(outcome).isEqualTo(ReversalOutcome.NOTHING_TO_REVERSE);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(404);
    }

    @Test
    void retries_a_reversal_the_bank_cannot_take_now_under_the_same_payment_id() {
        BankCallPolicy piggyBank = piggyBank(bank.url());
        CardAuthorization authorization = authorization("4111111111111111");
        piggyBank.authorize(authorization);
        bank.failNextReversals(2);

        ReversalOutcome outcome = piggyBank.reverse(new PaymentReversal(authorization.paymentId(), "acq_merchant_1"));

        assertThat(outcome).isEqualTo(ReversalOutcome.REVERSED);
        assertThat(bank.reversalsOf(authorization.paymentId())).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(503, 503, 200);
    }

    @Test
    void finds_the_bank_unavailable_for_a_reversal_once_its_retries_are_spent() {
        String paymentId = paymentId();
        bank.failNextReversals(4);

        ReversalOutcome outcome = piggyBank(bank.url()).reverse(new PaymentReversal(paymentId, "acq_merchant_1"));

        assertThat(outcome).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);
        assertThat(bank.reversalsOf(paymentId)).extracting(PiggyBankDouble.Reversal::status)
                .containsExactly(503, 503, 503, 503);
    }

    @Test
    void retries_a_reversal_the_bank_does_not_answer_in_time() {
        String paymentId = paymentId();
        bank.stallNext(1);

        ReversalOutcome outcome = piggyBank(bank.url()).reverse(new PaymentReversal(paymentId, "acq_merchant_1"));

        assertThat(outcome).isEqualTo(ReversalOutcome.NOTHING_TO_REVERSE);
        assertThat(bank.reversalsOf(paymentId)).hasSize(2);
    }

    @Test
    void finds_the_bank_unavailable_for_a_reversal_when_it_cannot_be_reached() throws IOException {
        URI nobodyListens;
        try (var socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThat(piggyBank(nobodyListens).reverse(new PaymentReversal(paymentId(), "acq_merchant_1"))).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);
    }

    @Test
    void does_not_retry_an_answer_to_a_reversal_outside_the_banks_api() {
        String paymentId = paymentId();
        bank.answerNextReversalWith(409);

        assertThatThrownBy(() -> piggyBank(bank.url()).reverse(new PaymentReversal(paymentId, "acq_merchant_1")))
                .hasCauseInstanceOf(UnexpectedBankAnswerException.class)
                .hasMessageContaining(paymentId);
        assertThat(bank.reversalsOf(paymentId)).hasSize(1);
    }

    /** The Piggy Bank behind the bank call policy, as the adapter assembles it, with quick retries. */
    private BankCallPolicy piggyBank(URI url) {
        var retry = new BankCallSettings.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));
        var properties = new PiggyBankProperties(url, CONNECT_TIMEOUT, READ_TIMEOUT, retry, retry,
                new BankCallSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3));
        CloseableHttpClient httpClient = PiggyBankConfiguration.httpClient(properties, 10);
        httpClients.add(httpClient);
        var piggyBank = new PiggyBank(PiggyBankConfiguration.restClient(properties, httpClient, RestClient.builder()),
                properties.longestRequest());
        return new BankCallPolicy(piggyBank, retry.policy(), retry.policy(),
                CircuitBreaker.of("acquiringBank", properties.circuitBreaker().config()), Clock.systemUTC());
    }

    private static CardAuthorization authorization(String cardNumber) {
        return new CardAuthorization(paymentId(), "acq_merchant_1", new CardData(cardNumber, "737", 3, 2030), 1050, "GBP", null);
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }
}
