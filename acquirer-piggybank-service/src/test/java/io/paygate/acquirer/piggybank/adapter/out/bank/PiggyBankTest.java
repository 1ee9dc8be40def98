package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Piggy Bank adapter against a real HTTP bank: how each answer maps, and what is retried. */
class PiggyBankTest {

    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    private final List<HttpClient> httpClients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        httpClients.forEach(HttpClient::close);
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
    void refuses_a_card_ending_in_an_even_digit() {
        BankDecision decision = piggyBank(bank.url()).authorize(authorization("4111111111111112"));

        assertThat(decision).isInstanceOf(BankDecision.Refused.class);
    }

    @Test
    void takes_a_request_the_bank_rejects_as_final() {
        var authorization = new CardAuthorization(paymentId(), new CardData("4111111111111111", null, 3, 2030), 1050, "GBP");

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

    private PiggyBank piggyBank(URI url) {
        var properties = new PiggyBankProperties(url, Duration.ofMillis(500), Duration.ofMillis(300),
                new PiggyBankProperties.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5)));
        HttpClient httpClient = PiggyBankConfiguration.httpClient(properties);
        httpClients.add(httpClient);
        return new PiggyBank(new PiggyBankApi(PiggyBankConfiguration.restClient(properties, httpClient, RestClient.builder())),
                properties.retry().policy());
    }

    private static CardAuthorization authorization(String cardNumber) {
        return new CardAuthorization(paymentId(), new CardData(cardNumber, "737", 3, 2030), 1050, "GBP");
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }
}
