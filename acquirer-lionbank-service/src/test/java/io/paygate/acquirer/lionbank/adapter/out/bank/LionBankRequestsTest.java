package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.events.ActionType;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LionBankRequestsTest {

    private final LionBankRequests requests = new LionBankRequests("LION0001");

    @Test
    void builds_an_authorisation_request_named_by_its_payment() {
        IsoMessage request = requests.authorization(new CardAuthorization("pay_1", "acq_merchant_42",
                new CardData("4111111111111111", "737", 3, 2030), 1050, "GBP", null));

        TransactionReference reference = TransactionReference.of("pay_1");
        assertThat(request.getType()).isEqualTo(AUTHORIZATION_REQUEST);
        assertThat(text(request, PAN)).isEqualTo("4111111111111111");
        assertThat(text(request, PROCESSING_CODE)).isEqualTo("000000");
        assertThat(text(request, AMOUNT)).isEqualTo("000000001050");
        assertThat(text(request, EXPIRY)).isEqualTo("3003");
        assertThat(text(request, CURRENCY)).isEqualTo("826");
        assertThat(text(request, STAN)).isEqualTo(reference.stan());
        assertThat(text(request, TRANSMISSION_DATE_TIME)).isEqualTo(reference.transmissionDateTime());
        assertThat(text(request, TERMINAL_ID)).isEqualTo("LION0001");
        assertThat(text(request, CARD_ACCEPTOR_ID)).isEqualTo("acq_merchant_42");
    }

    @Test
    void names_a_reversal_as_its_authorisation_and_marks_a_repeat() {
        var reversal = new PaymentReversal("pay_1", "acq_merchant_42");

        IsoMessage first = requests.reversal(reversal, false);
        IsoMessage repeat = requests.reversal(reversal, true);

        assertThat(first.getType()).isEqualTo(REVERSAL_REQUEST);
        assertThat(repeat.getType()).isEqualTo(REVERSAL_REPEAT);
        assertThat(text(first, STAN)).isEqualTo(TransactionReference.of("pay_1").stan());
        assertThat(text(first, CARD_ACCEPTOR_ID)).isEqualTo("acq_merchant_42");
        assertThat(first.hasField(PAN)).isFalse();
    }

    @Test
    void builds_a_completion_named_by_its_action_that_names_the_authorisation_in_field_90() {
        IsoMessage request = requests.completion(action(ActionType.CAPTURE, 600, false), false);

        TransactionReference own = TransactionReference.of("act_1");
        TransactionReference original = TransactionReference.of("pay_1");
        assertThat(request.getType()).isEqualTo(COMPLETION_ADVICE);
        assertThat(text(request, AMOUNT)).isEqualTo("000000000600");
        assertThat(text(request, CURRENCY)).isEqualTo("826");
        assertThat(text(request, STAN)).isEqualTo(own.stan());
        assertThat(text(request, TRANSMISSION_DATE_TIME)).isEqualTo(own.transmissionDateTime());
        assertThat(text(request, TERMINAL_ID)).isEqualTo("LION0001");
        assertThat(text(request, CARD_ACCEPTOR_ID)).isEqualTo("acq_merchant_42");
        assertThat(text(request, COMPLETION_INDICATOR)).isEqualTo("P");
        assertThat(text(request, ORIGINAL_DATA_ELEMENTS)).hasSize(42)
                .isEqualTo("0100" + original.stan() + original.transmissionDateTime() + "0".repeat(22));
        assertThat(request.hasField(PAN)).isFalse();
    }

    @Test
    void marks_a_final_completion_and_a_repeat() {
        IsoMessage repeat = requests.completion(action(ActionType.CAPTURE, 1050, true), true);

        assertThat(repeat.getType()).isEqualTo(COMPLETION_ADVICE_REPEAT);
        assertThat(text(repeat, COMPLETION_INDICATOR)).isEqualTo("F");
        assertThat(text(repeat, STAN)).isEqualTo(TransactionReference.of("act_1").stan());
    }

    @Test
    void builds_a_refund_as_a_financial_request_of_processing_code_20() {
        IsoMessage request = requests.refund(action(ActionType.REFUND, 500, false));

        TransactionReference original = TransactionReference.of("pay_1");
        assertThat(request.getType()).isEqualTo(FINANCIAL_REQUEST);
        assertThat(text(request, PROCESSING_CODE)).isEqualTo("200000");
        assertThat(text(request, AMOUNT)).isEqualTo("000000000500");
        assertThat(text(request, STAN)).isEqualTo(TransactionReference.of("act_1").stan());
        assertThat(text(request, ORIGINAL_DATA_ELEMENTS))
                .isEqualTo("0100" + original.stan() + original.transmissionDateTime() + "0".repeat(22));
        assertThat(request.hasField(COMPLETION_INDICATOR)).isFalse();
    }

    @Test
    void voids_as_the_reversal_of_the_authorisation() {
        IsoMessage first = requests.voiding(action(ActionType.VOID, 1050, false), false);
        IsoMessage repeat = requests.voiding(action(ActionType.VOID, 1050, false), true);

        assertThat(first.getType()).isEqualTo(REVERSAL_REQUEST);
        assertThat(repeat.getType()).isEqualTo(REVERSAL_REPEAT);
        assertThat(text(first, STAN)).isEqualTo(TransactionReference.of("pay_1").stan());
        assertThat(text(first, TRANSMISSION_DATE_TIME)).isEqualTo(TransactionReference.of("pay_1").transmissionDateTime());
    }

    @Test
    void a_completion_goes_out_as_the_host_reads_it() {
        IsoMessage request = requests.completion(action(ActionType.CAPTURE, 600, true), false);

        String wire = new String(request.writeData(), StandardCharsets.US_ASCII);

        assertThat(wire).startsWith("0220").contains("001F")
                .endsWith("0100" + TransactionReference.of("pay_1").stan()
                        + TransactionReference.of("pay_1").transmissionDateTime() + "0".repeat(22));
    }

    @Test
    void refuses_a_merchant_id_the_field_would_cut_short() {
        assertThatThrownBy(() -> requests.reversal(new PaymentReversal("pay_1", "acq_merchant_4242"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PaymentActionRequest action(ActionType type, long amount, boolean finalCapture) {
        return new PaymentActionRequest("act_1", type, "pay_1", "acq_merchant_42", null, amount, "GBP", finalCapture,
                null);
    }
}
