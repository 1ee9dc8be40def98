package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.Test;

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
    void refuses_a_merchant_id_the_field_would_cut_short() {
        assertThatThrownBy(() -> requests.reversal(new PaymentReversal("pay_1", "acq_merchant_4242"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
