package io.paygate.lionbank.iso;

import static io.paygate.lionbank.TestCards.*;
import static io.paygate.lionbank.iso.IsoRequests.*;
import static io.paygate.lionbank.iso.LionbankMessages.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;

import io.paygate.lionbank.SimulatorTest;
import io.paygate.lionbank.store.LedgerStats;

/**
 * Completion (0220/0221 → 0230), refund (0200 20xxxx → 0210) and reversal (0400 → 0410) of an approved
 * authorisation, over a real TCP connection as an acquirer holds it.
 */
@SimulatorTest
class PaymentLifecycleTests {

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
    void captures_an_approval_answering_0230_that_echoes_the_reference_and_not_the_card() {
        IsoMessage original = approved(1000);
        IsoMessage completion = completionOf(original, 1000, true);

        IsoMessage answer = acquirer.exchange(completion);

        assertThat(answer.getType()).isEqualTo(COMPLETION_RESPONSE);
        assertThat(text(answer, RESPONSE_CODE)).isEqualTo("00");
        assertThat(text(answer, RRN)).hasSize(12).containsOnlyDigits();
        for (int field : new int[] {AMOUNT, TRANSMISSION_DATE_TIME, STAN, TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY,
                COMPLETION_INDICATOR, ORIGINAL_DATA_ELEMENTS}) {
            assertThat(text(answer, field)).as("field %d", field).isEqualTo(text(completion, field));
        }
        assertThat(text(answer, ORIGINAL_DATA_ELEMENTS)).startsWith("0100" + stanOf(original));
        assertThat(answer.hasField(PAN)).isFalse();
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.completions()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(1000);
            assertThat(stats.capturedMoreThanAuthorized()).isZero();
        });
    }

    @Test
    void captures_in_parts_never_above_what_remains_and_nothing_after_a_final_completion() {
        IsoMessage original = approved(1000);

        assertThat(code(acquirer.exchange(completionOf(original, 300, false)))).isEqualTo("00");
        assertThat(code(acquirer.exchange(completionOf(original, 701, false)))).isEqualTo("13");
        assertThat(code(acquirer.exchange(completionOf(original, 200, true)))).isEqualTo("00");
        assertThat(code(acquirer.exchange(completionOf(original, 100, false)))).as("the rest was released")
                .isEqualTo("12");

        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.completionRequests()).isEqualTo(4);
            assertThat(stats.completions()).isEqualTo(2);
            assertThat(stats.capturedTotal()).isEqualTo(500);
            assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(2);
        });
    }

    @Test
    void a_completion_without_field_60_is_partial() {
        IsoMessage original = approved(1000);
        IsoMessage unmarked = completionOf(original, 400, true);
        unmarked.removeFields(COMPLETION_INDICATOR);

        assertThat(code(acquirer.exchange(unmarked))).isEqualTo("00");
        assertThat(code(acquirer.exchange(completionOf(original, 600, false)))).isEqualTo("00");
        assertThat(stats().capturedTotal()).isEqualTo(1000);
    }

    @Test
    void answers_a_repeated_completion_and_its_0221_with_the_first_answer_and_captures_once() {
        IsoMessage original = approved(1000);
        IsoMessage completion = completionOf(original, 600, false);
        IsoMessage first = acquirer.exchange(completion);

        IsoMessage again = acquirer.exchange(completion);
        IsoMessage repeat = acquirer.exchange(repeatOf(completion));

        for (IsoMessage answer : List.of(again, repeat)) {
            assertThat(answer.getType()).isEqualTo(COMPLETION_RESPONSE);
            assertThat(code(answer)).isEqualTo("00");
            assertThat(text(answer, RRN)).isEqualTo(text(first, RRN));
        }
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.completions()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(600);
            assertThat(stats.duplicates()).isEqualTo(2);
        });
    }

    @Test
    void refuses_a_completion_reusing_a_stan_and_time_with_another_amount_94() {
        IsoMessage original = approved(1000);
        IsoMessage completion = completionOf(original, 400, false);
        acquirer.exchange(completion);
        completion.setValue(AMOUNT, "%012d".formatted(500), IsoType.NUMERIC, 12);

        assertThat(code(acquirer.exchange(completion))).isEqualTo("94");
        assertThat(stats().capturedTotal()).isEqualTo(400);
        assertThat(stats().duplicateTransmissions()).isEqualTo(1);
    }

    @Test
    void refunds_what_was_captured_answering_0210_and_never_more() {
        IsoMessage original = approved(1000);
        acquirer.exchange(completionOf(original, 800, true));

        IsoMessage refunded = acquirer.exchange(refundOf(original, 500));
        IsoMessage tooMuch = acquirer.exchange(refundOf(original, 301));
        IsoMessage rest = acquirer.exchange(refundOf(original, 300));

        assertThat(refunded.getType()).isEqualTo(FINANCIAL_RESPONSE);
        assertThat(text(refunded, PROCESSING_CODE)).isEqualTo("200000");
        assertThat(code(refunded)).isEqualTo("00");
        assertThat(text(refunded, AUTH_CODE)).hasSize(6);
        assertThat(code(tooMuch)).isEqualTo("13");
        assertThat(code(rest)).isEqualTo("00");
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.refunds()).isEqualTo(2);
            assertThat(stats.refundedTotal()).isEqualTo(800);
            assertThat(stats.refundedMoreThanCaptured()).isEqualTo(1);
        });
    }

    @Test
    void answers_a_repeated_refund_with_the_first_answer_and_refunds_once() {
        IsoMessage original = approved(1000);
        acquirer.exchange(completionOf(original, 1000, true));
        IsoMessage refund = refundOf(original, 1000);
        IsoMessage first = acquirer.exchange(refund);

        IsoMessage again = acquirer.exchange(refund);

        assertThat(text(again, RRN)).isEqualTo(text(first, RRN));
        assertThat(text(again, AUTH_CODE)).isEqualTo(text(first, AUTH_CODE));
        assertThat(stats().refundedTotal()).isEqualTo(1000);
        assertThat(stats().refunds()).isEqualTo(1);
    }

    @Test
    void refuses_to_refund_what_was_never_captured_13() {
        IsoMessage original = approved(1000);

        assertThat(code(acquirer.exchange(refundOf(original, 100)))).isEqualTo("13");
        assertThat(stats().refundedMoreThanCaptured()).isEqualTo(1);
    }

    @Test
    void refuses_a_0200_that_is_not_a_refund_12() {
        IsoMessage original = approved(1000);
        acquirer.exchange(completionOf(original, 1000, true));
        IsoMessage purchase = refundOf(original, 100);
        purchase.setValue(PROCESSING_CODE, "000000", IsoType.NUMERIC, 6);

        IsoMessage answer = acquirer.exchange(purchase);

        assertThat(answer.getType()).isEqualTo(FINANCIAL_RESPONSE);
        assertThat(code(answer)).isEqualTo("12");
        assertThat(stats().unsupported()).isEqualTo(1);
        assertThat(stats().refundRequests()).isZero();
    }

    @Test
    void refuses_to_capture_or_refund_a_declined_authorisation_12() {
        IsoMessage declined = authorization(1051);
        assertThat(code(acquirer.exchange(declined))).isEqualTo("51");

        assertThat(code(acquirer.exchange(completionOf(declined, 1051, true)))).isEqualTo("12");
        assertThat(code(acquirer.exchange(refundOf(declined, 1051)))).isEqualTo("12");
        assertThat(stats().capturedMoreThanAuthorized()).isEqualTo(1);
        assertThat(stats().refundedMoreThanCaptured()).isEqualTo(1);
    }

    @Test
    void answers_25_when_the_original_is_unknown_or_belongs_to_another_card() {
        IsoMessage neverSent = authorization(1000);
        IsoMessage original = approved(1000);
        IsoMessage otherCard = completionOf(original, 100, false);
        otherCard.setValue(PAN, ANOTHER_GOOD_CARD, IsoType.LLVAR, 0);
        IsoMessage sameCard = completionOf(original, 100, false);
        sameCard.setValue(PAN, GOOD_CARD, IsoType.LLVAR, 0);

        assertThat(code(acquirer.exchange(completionOf(neverSent, 100, false)))).isEqualTo("25");
        assertThat(code(acquirer.exchange(refundOf(neverSent, 100)))).isEqualTo("25");
        assertThat(code(acquirer.exchange(otherCard))).isEqualTo("25");
        assertThat(code(acquirer.exchange(sameCard))).isEqualTo("00");
    }

    @Test
    void answers_a_reference_from_another_terminal_25() {
        IsoMessage original = approved(1000);
        IsoMessage elsewhere = completionOf(original, 100, false);
        elsewhere.setValue(TERMINAL_ID, "LION0002", IsoType.ALPHA, 8);

        assertThat(code(acquirer.exchange(elsewhere))).isEqualTo("25");
    }

    @Test
    void answers_another_currency_13() {
        IsoMessage original = approved(1000);
        IsoMessage euros = completionOf(original, 1000, true);
        euros.setValue(CURRENCY, "978", IsoType.NUMERIC, 3);

        assertThat(code(acquirer.exchange(euros))).isEqualTo("13");
        assertThat(stats().capturedMoreThanAuthorized()).isZero();
    }

    @Test
    void answers_a_malformed_completion_or_refund_30_without_deciding() {
        IsoMessage original = approved(1000);
        IsoMessage noReference = completionOf(original, 100, false);
        noReference.removeFields(ORIGINAL_DATA_ELEMENTS);
        IsoMessage referenceToACompletion = completionOf(original, 100, false);
        referenceToACompletion.setValue(ORIGINAL_DATA_ELEMENTS, "0220" + originalDataElements(original).substring(4),
                IsoType.NUMERIC, 42);
        IsoMessage unknownIndicator = completionOf(original, 100, false);
        unknownIndicator.setValue(COMPLETION_INDICATOR, "X", IsoType.LLLVAR, 0);
        IsoMessage refundWithoutProcessingCode = refundOf(original, 100);
        refundWithoutProcessingCode.removeFields(PROCESSING_CODE);

        for (IsoMessage malformed : List.of(noReference, referenceToACompletion, unknownIndicator,
                refundWithoutProcessingCode)) {
            IsoMessage answer = acquirer.exchange(malformed);
            assertThat(code(answer)).isEqualTo("30");
            assertThat(stanOf(answer)).isEqualTo(stanOf(malformed));
        }
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.formatErrors()).isEqualTo(4);
            assertThat(stats.completionRequests()).isZero();
            assertThat(stats.refundRequests()).isZero();
        });
        noReference.setValue(ORIGINAL_DATA_ELEMENTS, originalDataElements(original), IsoType.NUMERIC, 42);
        assertThat(code(acquirer.exchange(noReference))).as("a format error is not remembered").isEqualTo("00");
    }

    @Test
    void voids_an_uncaptured_authorisation_then_refuses_to_capture_it_12() {
        IsoMessage original = approved(1000);

        assertThat(code(acquirer.exchange(reversalOf(original, false)))).isEqualTo("00");
        IsoMessage late = acquirer.exchange(completionOf(original, 1000, true));

        assertThat(code(late)).isEqualTo("12");
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.voided()).isEqualTo(1);
            assertThat(stats.approvals()).isZero();
            assertThat(stats.capturedTotal()).isZero();
            assertThat(stats.capturedMoreThanAuthorized()).isEqualTo(1);
        });
    }

    @Test
    void a_reversal_after_a_partial_completion_releases_only_the_rest() {
        IsoMessage original = approved(1000);
        acquirer.exchange(completionOf(original, 400, false));

        assertThat(code(acquirer.exchange(reversalOf(original, false)))).isEqualTo("00");

        assertThat(code(acquirer.exchange(completionOf(original, 600, true)))).isEqualTo("12");
        assertThat(code(acquirer.exchange(refundOf(original, 400)))).as("the capture stands").isEqualTo("00");
        assertThat(stats()).satisfies(stats -> {
            assertThat(stats.reversals()).isEqualTo(1);
            assertThat(stats.voided()).isZero();
            assertThat(stats.approvals()).isEqualTo(1);
            assertThat(stats.capturedTotal()).isEqualTo(400);
            assertThat(stats.refundedTotal()).isEqualTo(400);
        });
    }

    @Test
    void refuses_to_reverse_a_completion_12_which_is_repeated_instead() {
        IsoMessage original = approved(1000);
        IsoMessage completion = completionOf(original, 1000, true);
        acquirer.exchange(completion);
        IsoMessage reversal = reversalOf(completion, false);

        IsoMessage answer = acquirer.exchange(reversal);

        assertThat(answer.getType()).isEqualTo(REVERSAL_RESPONSE);
        assertThat(code(answer)).isEqualTo("12");
        assertThat(stats().capturedTotal()).isEqualTo(1000);
        assertThat(stats().reversalsRefused()).isEqualTo(1);
    }

    @Test
    void never_captures_more_than_authorised_when_completions_race_on_several_connections() throws IOException {
        IsoMessage original = approved(1000);
        List<IsoClient> lines = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                lines.add(new IsoClient(server.port()));
            }
            bank.put().uri("/simulator/faults").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"latency_jitter_ms\":50}").exchange().expectStatus().isOk();
            for (int i = 0; i < 40; i++) {
                lines.get(i % 4).send(completionOf(original, 100, false));
            }

            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                codes.add(code(lines.get(i % 4).nextAnswer()));
            }

            assertThat(codes).filteredOn("00"::equals).hasSize(10);
            assertThat(codes).filteredOn(code -> !code.equals("00")).containsOnly("13");
        } finally {
            for (IsoClient line : lines) {
                line.close();
            }
        }
        assertThat(stats().capturedTotal()).isEqualTo(1000);
        assertThat(stats().capturedMoreThanAuthorized()).isEqualTo(30);
    }

    private IsoMessage approved(long amount) {
        IsoMessage original = authorization(amount);
        assertThat(code(acquirer.exchange(original))).isEqualTo("00");
        return original;
    }

    private static String code(IsoMessage answer) {
        return text(answer, RESPONSE_CODE);
    }

    private LedgerStats stats() {
        return bank.get().uri("/simulator/stats").exchange().expectStatus().isOk()
                .expectBody(LedgerStats.class).returnResult().getResponseBody();
    }
}
