package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.events.ResponseCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationAnswerTest {

    @Test
    void approves_with_the_authorisation_code() {
        assertThat(AuthorizationAnswer.decision("00", "A1B2C3", "633812000042"))
                .isEqualTo(new BankDecision.Approved("A1B2C3", "633812000042"));
    }

    @Test
    void refuses_an_approval_without_a_code() {
        assertThatThrownBy(() -> AuthorizationAnswer.decision("00", null, "633812000042")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @CsvSource({"05, DO_NOT_HONOUR", "14, DO_NOT_HONOUR", "30, DO_NOT_HONOUR", "94, DO_NOT_HONOUR",
            "51, INSUFFICIENT_FUNDS", "54, EXPIRED_CARD"})
    void declines_with_the_code_the_answer_means(String answer, ResponseCode declined) {
        assertThat(AuthorizationAnswer.decision(answer, null, null)).isEqualTo(new BankDecision.Declined(declined));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91", "96"})
    void asks_again_when_the_issuer_did_not_decide(String answer) {
        assertThatThrownBy(() -> AuthorizationAnswer.decision(answer, null, null))
                .isInstanceOf(BankUnreachableException.class);
    }
}
