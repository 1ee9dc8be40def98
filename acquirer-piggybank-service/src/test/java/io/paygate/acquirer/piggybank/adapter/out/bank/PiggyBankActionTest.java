package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.piggybank.testing.PiggyBankSimulator;
import io.paygate.acquirer.support.application.port.out.BankNotReachedException;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.events.ActionType;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Captures, voids and refunds against the real Piggy Bank simulator: how each of its answers maps. */
class PiggyBankActionTest {

    private static final long AUTHORIZED = 1050;
    private static final PiggyBankSimulator simulator = PiggyBankSimulator.start();

    private final List<CloseableHttpClient> httpClients = new ArrayList<>();
    private PiggyBank piggyBank;

    @BeforeEach
    void connect() {
        simulator.resetFaults();
        piggyBank = piggyBank(simulator.url());
    }

    @AfterEach
    void closeClients() {
        httpClients.forEach(client -> client.close(CloseMode.IMMEDIATE));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void captures_part_then_the_rest_and_refuses_more_than_remains_authorised() {
        String paymentId = approvedPayment();

        assertThat(piggyBank.act(action(ActionType.CAPTURE, paymentId, 600, false)))
                .isInstanceOfSatisfying(ActionDecision.Approved.class, approved -> assertThat(approved.reference()).isNotBlank());
        assertThat(piggyBank.act(action(ActionType.CAPTURE, paymentId, AUTHORIZED - 600 + 1, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT));
        assertThat(piggyBank.act(action(ActionType.CAPTURE, paymentId, AUTHORIZED - 600, true)))
                .isInstanceOf(ActionDecision.Approved.class);
        assertThat(piggyBank.act(action(ActionType.CAPTURE, paymentId, 1, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
    }

    @Test
    void refunds_at_most_what_was_captured() {
        String paymentId = approvedPayment();
        piggyBank.act(action(ActionType.CAPTURE, paymentId, 500, true));

        assertThat(piggyBank.act(action(ActionType.REFUND, paymentId, 501, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT));
        assertThat(piggyBank.act(action(ActionType.REFUND, paymentId, 500, false)))
                .isInstanceOf(ActionDecision.Approved.class);
    }

    @Test
    void voids_an_open_authorisation_once_and_refuses_to_capture_it_after() {
        String paymentId = approvedPayment();

        assertThat(piggyBank.act(action(ActionType.VOID, paymentId, AUTHORIZED, false)))
                .isInstanceOf(ActionDecision.Approved.class);
        assertThat(piggyBank.act(action(ActionType.VOID, paymentId, AUTHORIZED, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
        assertThat(piggyBank.act(action(ActionType.CAPTURE, paymentId, 100, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
    }

    @Test
    void finds_no_original_for_a_payment_the_bank_never_approved() {
        assertThat(piggyBank.act(action(ActionType.CAPTURE, "pay_" + UUID.randomUUID(), 100, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.NO_ORIGINAL));
    }

    @Test
    void answers_a_repeated_action_as_the_first_time_and_moves_the_money_once() {
        String paymentId = approvedPayment();
        PaymentActionRequest capture = action(ActionType.CAPTURE, paymentId, 700, false);
        long capturedBefore = simulator.stat("captured_total");

        ActionDecision first = piggyBank.act(capture);
        ActionDecision again = piggyBank.act(capture);

        assertThat(again).isEqualTo(first).isInstanceOf(ActionDecision.Approved.class);
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore + 700);
    }

    @Test
    void does_not_take_an_action_id_used_before_for_another_action_as_an_answer() {
        String paymentId = approvedPayment();
        PaymentActionRequest capture = action(ActionType.CAPTURE, paymentId, 700, false);
        piggyBank.act(capture);
        var reused = new PaymentActionRequest(capture.actionId(), ActionType.CAPTURE, paymentId, "piggy-test-001", null,
                300, "GBP", false, null);

        assertThatThrownBy(() -> piggyBank.act(reused))
                .isInstanceOf(UnexpectedBankAnswerException.class)
                .hasMessageContaining("422");
    }

    @Test
    void finds_a_bank_that_is_down_unreachable() {
        String paymentId = approvedPayment();
        simulator.faults("{\"down\": true}");

        assertThatThrownBy(() -> piggyBank.act(action(ActionType.CAPTURE, paymentId, 100, false)))
                .isInstanceOf(BankUnreachableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void finds_an_action_that_could_not_connect_not_sent() throws IOException {
        PiggyBank nobodyThere = piggyBank(URI.create("http://127.0.0.1:" + freePort()));

        assertThatThrownBy(() -> nobodyThere.act(action(ActionType.VOID, "pay_" + UUID.randomUUID(), 100, false)))
                .isInstanceOf(BankNotReachedException.class);
    }

    private String approvedPayment() {
        String paymentId = "pay_" + UUID.randomUUID();
        BankDecision decision = piggyBank.authorize(new CardAuthorization(paymentId, "piggy-test-001",
                new CardData("4111111111111111", "737", 12, 2030), AUTHORIZED, "GBP", null));
        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        return paymentId;
    }

    private PiggyBank piggyBank(URI url) {
        var retry = new BankCallSettings.Retry(0, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));
        var properties = new PiggyBankProperties(url, Duration.ofMillis(500), Duration.ofSeconds(2), retry, retry,
                new BankCallSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3));
        CloseableHttpClient httpClient = PiggyBankConfiguration.httpClient(properties, 10);
        httpClients.add(httpClient);
        return new PiggyBank(PiggyBankConfiguration.restClient(properties, httpClient, RestClient.builder()),
                properties.longestRequest());
    }

    private static PaymentActionRequest action(ActionType type, String paymentId, long amount, boolean finalCapture) {
        return new PaymentActionRequest("act_" + UUID.randomUUID(), type, paymentId, "piggy-test-001", null, amount,
                "GBP", finalCapture, Instant.now().plusSeconds(60));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
