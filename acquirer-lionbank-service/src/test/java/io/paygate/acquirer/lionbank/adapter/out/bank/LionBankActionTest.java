package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.lionbank.testing.LionBankSimulator;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.events.ActionType;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Completions, refunds and voids against the real Lion Bank simulator, over TCP: how each of its answers maps. */
class LionBankActionTest {

    private static final String MERCHANT = "acq_merchant_42";
    private static final long AUTHORIZED = 1050;

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
        var retry = new BankCallSettings.Retry(1, Duration.ofMillis(10), 2, Duration.ofMillis(100), Duration.ZERO);
        var properties = new LionBankProperties("127.0.0.1", simulator.isoPort(), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(500), "LION0001",
                retry, retry, new BankCallSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3));
        var requests = new LionBankRequests(properties.terminalId());
        connection = new LionBankConnection(properties, requests, Clock.systemUTC());
        lionBank = new LionBank(connection, requests, properties.longestRequest());
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void completes_part_then_the_rest_and_refuses_more_than_remains_authorised() {
        String paymentId = approvedPayment();
        long capturedBefore = simulator.stat("captured_total");

        assertThat(lionBank.act(action(ActionType.CAPTURE, paymentId, 600, false)))
                .isInstanceOfSatisfying(ActionDecision.Approved.class, approved -> assertThat(approved.reference()).hasSize(12));
        assertThat(lionBank.act(action(ActionType.CAPTURE, paymentId, AUTHORIZED - 600 + 1, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT));
        assertThat(lionBank.act(action(ActionType.CAPTURE, paymentId, AUTHORIZED - 600, true)))
                .isInstanceOf(ActionDecision.Approved.class);
        assertThat(lionBank.act(action(ActionType.CAPTURE, paymentId, 1, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore + AUTHORIZED);
    }

    @Test
    void answers_a_repeated_completion_as_the_first_and_captures_once() {
        String paymentId = approvedPayment();
        PaymentActionRequest capture = action(ActionType.CAPTURE, paymentId, 700, false);
        long capturedBefore = simulator.stat("captured_total");

        ActionDecision first = lionBank.act(capture);
        ActionDecision again = lionBank.act(capture);

        assertThat(again).isEqualTo(first).isInstanceOf(ActionDecision.Approved.class);
        assertThat(simulator.stat("captured_total")).isEqualTo(capturedBefore + 700);
    }

    @Test
    void refunds_at_most_what_was_captured() {
        String paymentId = approvedPayment();
        lionBank.act(action(ActionType.CAPTURE, paymentId, 500, true));
        long refundedBefore = simulator.stat("refunded_total");

        assertThat(lionBank.act(action(ActionType.REFUND, paymentId, 501, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT));
        assertThat(lionBank.act(action(ActionType.REFUND, paymentId, 500, false)))
                .isInstanceOf(ActionDecision.Approved.class);
        assertThat(simulator.stat("refunded_total")).isEqualTo(refundedBefore + 500);
    }

    @Test
    void voids_an_authorisation_which_then_takes_no_completion() {
        String paymentId = approvedPayment();

        assertThat(lionBank.act(action(ActionType.VOID, paymentId, AUTHORIZED, false)))
                .isInstanceOf(ActionDecision.Approved.class);
        assertThat(lionBank.act(action(ActionType.CAPTURE, paymentId, 100, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
    }

    @Test
    void finds_no_original_for_an_authorisation_the_host_does_not_hold() {
        assertThat(lionBank.act(action(ActionType.CAPTURE, "pay_" + UUID.randomUUID(), 100, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.NO_ORIGINAL));
        assertThat(lionBank.act(action(ActionType.REFUND, "pay_" + UUID.randomUUID(), 100, false)))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.NO_ORIGINAL));
    }

    private String approvedPayment() {
        String paymentId = "pay_" + UUID.randomUUID();
        BankDecision decision = lionBank.authorize(new CardAuthorization(paymentId, MERCHANT,
                new CardData("4111111111111111", "737", 12, 2049), AUTHORIZED, "GBP", null));
        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        return paymentId;
    }

    private static PaymentActionRequest action(ActionType type, String paymentId, long amount, boolean finalCapture) {
        return new PaymentActionRequest("act_" + UUID.randomUUID(), type, paymentId, MERCHANT, null, amount, "GBP",
                finalCapture, Instant.now().plusSeconds(60));
    }
}
