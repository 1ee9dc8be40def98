package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionAnswerTest {

    @Test
    void an_approval_carries_the_hosts_reference_when_it_gives_one() {
        assertThat(ActionAnswer.decision("00", "000000123456", "a completion"))
                .isEqualTo(new ActionDecision.Approved("000000123456"));
        assertThat(ActionAnswer.decision("00", null, "a void")).isEqualTo(new ActionDecision.Approved(null));
    }

    @Test
    void maps_the_hosts_refusals_to_the_action_decline_codes() {
        assertThat(ActionAnswer.decision("13", "000000123456", "a completion"))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT));
        assertThat(ActionAnswer.decision("12", null, "a refund"))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION));
        assertThat(ActionAnswer.decision("25", null, "a refund"))
                .isEqualTo(new ActionDecision.Declined(ResponseCode.NO_ORIGINAL));
    }

    @Test
    void takes_91_and_96_as_no_answer() {
        assertThatThrownBy(() -> ActionAnswer.decision("91", null, "a completion"))
                .isInstanceOf(BankUnreachableException.class);
        assertThatThrownBy(() -> ActionAnswer.decision("96", null, "a completion"))
                .isInstanceOf(BankUnreachableException.class);
    }

    @Test
    void fails_without_retrying_on_a_format_error_a_reused_key_or_an_unknown_code() {
        for (String code : new String[] {"30", "94", "05"}) {
            assertThatThrownBy(() -> ActionAnswer.decision(code, null, "a completion"))
                    .isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(BankUnreachableException.class)
                    .hasMessageContaining(code);
        }
    }
}
