package io.paygate.lionbank.iso;

import static io.paygate.lionbank.TestCards.*;
import static io.paygate.lionbank.iso.IsoRequests.*;
import static io.paygate.lionbank.iso.LionbankMessages.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;

import io.paygate.lionbank.SimulatorTest;
import io.paygate.lionbank.store.LedgerStats;

/** The host's rules, duplicates, reversals and echoes, over a real TCP connection as an acquirer holds it. */
@SimulatorTest
class IsoHostTests {

    @Autowired
    RestTestClient bank;

    @Autowired
    IsoServer server;

    private IsoClient acquirer;

    @BeforeEach
    void connect() throws IOException {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
        acquirer = new IsoClient(server.port());
    }

    @AfterEach
    void disconnect() throws IOException {
        acquirer.close();
        bank.delete().uri("/simulator/faults").exchange().expectStatus().isOk();
    }

    @Test
    void approves_with_an_auth_code_and_a_reference_echoing_the_request_without_its_card_data() {
        IsoMessage request = authorization(1050);

        IsoMessage answer = acquirer.exchange(request);

        assertThat(answer.getType()).isEqualTo(AUTHORIZATION_RESPONSE);
        assertThat(text(answer, RESPONSE_CODE)).isEqualTo("00");
        assertThat(text(answer, AUTH_CODE)).hasSize(6).matches("[A-Z0-9]{6}");
        assertThat(text(answer, RRN)).hasSize(12).containsOnlyDigits();
        for (int field : new int[] {PROCESSING_CODE, AMOUNT, TRANSMISSION_DATE_TIME, STAN, LOCAL_TIME, LOCAL_DATE,
                TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY}) {
            assertThat(text(answer, field)).as("field %d", field).isEqualTo(text(request, field));
        }
        assertThat(text(answer, AMOUNT)).isEqualTo("000000001050");
        assertThat(answer.hasField(PAN)).isFalse();
        assertThat(answer.hasField(EXPIRY)).isFalse();
        assertThat(stats().approvals()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"4111111111111111, 151, 4912, 51", "4111111111111111, 2054, 4912, 54",
            "4111111111111111, 1000, 2001, 54", "4111111111111112, 1000, 4912, 14", "4111111111111111, 991, 4912, 91"})
    void declines_as_the_rules_say_without_an_auth_code(String pan, long amount, String expiry, String responseCode) {
        IsoMessage answer = acquirer.exchange(authorization(pan, amount, expiry));

        assertThat(text(answer, RESPONSE_CODE)).isEqualTo(responseCode);
        assertThat(answer.hasField(AUTH_CODE)).isFalse();
        assertThat(stats().approvals()).isZero();
    }

    @Test
    void a_decline_is_a_decision_with_a_reference_but_issuer_unavailable_is_not() {
        IsoMessage declined = acquirer.exchange(authorization(151));
        IsoMessage unavailable = acquirer.exchange(authorization(191));

        assertThat(text(declined, RRN)).hasSize(12);
        assertThat(unavailable.hasField(RRN)).isFalse();
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.declines()).isEqualTo(1);
            assertThat(stats.unavailable()).isEqualTo(1);
        });
    }

    @Test
    void answers_a_request_missing_a_required_field_with_a_format_error() {
        IsoMessage request = authorization(1000);
        request.removeFields(EXPIRY);

        IsoMessage answer = acquirer.exchange(request);

        assertThat(text(answer, RESPONSE_CODE)).isEqualTo("30");
        assertThat(stanOf(answer)).isEqualTo(stanOf(request));
        assertThat(stats().formatErrors()).isEqualTo(1);
        assertThat(stats().authorizationRequests()).isZero();
    }

    @Test
    void ignores_what_is_not_iso_8583_and_keeps_the_connection() throws IOException {
        acquirer.sendRaw("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII));

        assertThat(text(acquirer.exchange(authorization(1000)), RESPONSE_CODE)).isEqualTo("00");
        assertThat(stats().formatErrors()).isEqualTo(1);
    }

    @Test
    void never_answers_the_silent_card_range_but_answers_what_follows() {
        IsoMessage silent = authorization(NEVER_ANSWERED_CARD, 1000, FUTURE_EXPIRY);
        IsoMessage next = authorization(1000);

        acquirer.send(silent);
        IsoMessage answer = acquirer.exchange(next);

        assertThat(stanOf(answer)).isEqualTo(stanOf(next));
        assertThat(acquirer.answerWithin(Duration.ofMillis(500))).isEmpty();
        assertThat(stats().neverAnswered()).isEqualTo(1);
        assertThat(stats().authorizationRequests()).isEqualTo(1);
    }

    @Test
    void answers_requests_in_flight_on_one_connection_in_any_order_each_matched_by_its_stan() {
        bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON).body("{\"latency_jitter_ms\":400}")
                .exchange().expectStatus().isOk();
        List<String> sent = new ArrayList<>();
        Map<String, IsoMessage> requests = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            IsoMessage request = authorization(1000 + i);
            sent.add(stanOf(request));
            requests.put(stanOf(request), request);
            acquirer.send(request);
        }

        List<String> arrived = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            IsoMessage answer = acquirer.nextAnswer();
            IsoMessage request = requests.get(stanOf(answer));
            assertThat(request).as("a request with STAN %s", stanOf(answer)).isNotNull();
            assertThat(text(answer, AMOUNT)).isEqualTo(text(request, AMOUNT));
            arrived.add(stanOf(answer));
        }

        // Random delays of 0-400 ms keep 12 answers in send order with a probability of 1 in 12! (about 2e-9).
        assertThat(arrived).containsExactlyInAnyOrderElementsOf(sent).isNotEqualTo(sent);
        assertThat(stats().approvals()).isEqualTo(12);
    }

    @Test
    void answers_a_duplicate_identically_and_approves_once() {
        IsoMessage request = authorization(1000);
        IsoMessage first = acquirer.exchange(request);

        IsoMessage again = acquirer.exchange(request);

        assertThat(text(again, RESPONSE_CODE)).isEqualTo("00");
        assertThat(text(again, AUTH_CODE)).isEqualTo(text(first, AUTH_CODE));
        assertThat(text(again, RRN)).isEqualTo(text(first, RRN));
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.duplicates()).isEqualTo(1);
            assertThat(stats.approvedMoreThanOnce()).isZero();
        });
    }

    @Test
    void a_duplicate_on_another_connection_is_still_a_duplicate() throws IOException {
        IsoMessage request = authorization(1000);
        IsoMessage first = acquirer.exchange(request);

        try (IsoClient reconnected = new IsoClient(server.port())) {
            assertThat(text(reconnected.exchange(request), AUTH_CODE)).isEqualTo(text(first, AUTH_CODE));
        }
        assertThat(stats().approvals()).isEqualTo(1);
        assertThat(stats().duplicates()).isEqualTo(1);
    }

    @Test
    void the_same_stan_and_time_with_another_card_is_refused_94() {
        IsoMessage request = authorization(1000);
        acquirer.exchange(request);
        request.setValue(PAN, ANOTHER_GOOD_CARD, IsoType.LLVAR, 0);

        assertThat(text(acquirer.exchange(request), RESPONSE_CODE)).isEqualTo("94");
        assertThat(stats().approvals()).isEqualTo(1);
    }

    @Test
    void reverses_an_approval_and_accepts_its_repeats() {
        IsoMessage original = authorization(1000);
        acquirer.exchange(original);

        IsoMessage reversed = acquirer.exchange(reversalOf(original, false));
        IsoMessage repeated = acquirer.exchange(reversalOf(original, true));

        for (IsoMessage answer : List.of(reversed, repeated)) {
            assertThat(answer.getType()).isEqualTo(REVERSAL_RESPONSE);
            assertThat(text(answer, RESPONSE_CODE)).isEqualTo("00");
            assertThat(stanOf(answer)).isEqualTo(stanOf(original));
            assertThat(text(answer, CARD_ACCEPTOR_ID)).isEqualTo(MERCHANT);
        }
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isZero();
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.reversalRequests()).isEqualTo(2);
            assertThat(stats.reversalRepeats()).isEqualTo(1);
        });
    }

    @Test
    void accepts_a_reversal_that_overtook_its_authorisation_then_declines_that_authorisation() {
        IsoMessage original = authorization(1000);

        assertThat(text(acquirer.exchange(reversalOf(original, false)), RESPONSE_CODE)).isEqualTo("00");
        IsoMessage late = acquirer.exchange(original);

        assertThat(text(late, RESPONSE_CODE)).isEqualTo("05");
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.approvals()).isZero();
            assertThat(stats.reversalsBeforeAuthorization()).isEqualTo(1);
            assertThat(stats.refusedAfterReversal()).isEqualTo(1);
        });
    }

    @Test
    void answers_an_echo() {
        IsoMessage echo = echo();

        IsoMessage answer = acquirer.exchange(echo);

        assertThat(answer.getType()).isEqualTo(NETWORK_MANAGEMENT_RESPONSE);
        assertThat(text(answer, RESPONSE_CODE)).isEqualTo("00");
        assertThat(text(answer, NETWORK_MANAGEMENT_CODE)).isEqualTo("301");
        assertThat(stanOf(answer)).isEqualTo(stanOf(echo));
        assertThat(stats().echoes()).isEqualTo(1);
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().expectStatus().isOk()
                .expectBody(LedgerStats.class).returnResult().getResponseBody();
    }
}
