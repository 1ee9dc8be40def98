package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionTest {

    private static final Instant NOW = Instant.parse("2030-01-31T10:16:30Z");

    private static Decision of(ResponseCode code) {
        return new Decision(code, code.approved() ? "770687" : null, NOW, NOW);
    }

    @Test
    void a_time_out_always_owes_the_bank_a_reversal() {
        assertThat(Decision.timedOut(NOW).responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(Decision.timedOut(NOW).owesReversal()).isTrue();
    }

    @Test
    void issuer_unavailable_owes_a_reversal_since_the_bank_may_have_approved_an_answer_that_was_lost() {
        assertThat(of(ResponseCode.ISSUER_UNAVAILABLE).owesReversal()).isTrue();
    }

    @Test
    void the_banks_own_answers_owe_no_reversal_however_often_it_was_asked() {
        for (ResponseCode code : new ResponseCode[]{ResponseCode.APPROVED, ResponseCode.DO_NOT_HONOUR,
                ResponseCode.INSUFFICIENT_FUNDS, ResponseCode.EXPIRED_CARD}) {
            assertThat(of(code).owesReversal()).as(code.code()).isFalse();
        }
    }

    @Test
    void a_decline_carries_no_authorisation_code() {
        assertThatThrownBy(() -> new Decision(ResponseCode.DO_NOT_HONOUR, "770687", NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
