package io.paygate.acquirer.support.domain;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");

    @Test
    void an_approval_authorizes_the_payment_with_the_banks_code() {
        AuthorizationResult result = new BankDecision.Approved("auth-123").toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.responseCode().code()).isEqualTo("10000");
        assertThat(result.authCode()).isEqualTo("auth-123");
        assertThat(result.paymentId()).isEqualTo("pay_1");
        assertThat(result.processedOn()).isEqualTo(NOW);
        assertThat(result.acquirer()).isEqualTo("scriptedbank");
        assertThat(result.notSentToBank()).isFalse();
    }

    @Test
    void an_approval_carries_the_banks_reference_when_it_gives_one() {
        AuthorizationResult result = new BankDecision.Approved("auth-123", "000000123456")
                .toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.acquirerReference()).isEqualTo("000000123456");
    }

    @Test
    void a_request_the_bank_never_received_says_so_so_the_payment_may_go_elsewhere() {
        AuthorizationResult result = new BankDecision.NotSent().toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        assertThat(result.notSentToBank()).isTrue();
        assertThat(new BankDecision.IssuerUnavailable().toResult("pay_1", "scriptedbank", NOW).notSentToBank())
                .isFalse();
    }

    @Test
    void a_decline_carries_the_response_code_the_banks_answer_means() {
        AuthorizationResult result = new BankDecision.Declined(ResponseCode.INSUFFICIENT_FUNDS).toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.approved()).isFalse();
        assertThat(result.responseCode().code()).isEqualTo("20051");
        assertThat(result.authCode()).isNull();
    }

    @Test
    void a_decline_is_never_an_approval() {
        assertThatThrownBy(() -> new BankDecision.Declined(ResponseCode.APPROVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_answer_from_the_issuer_declines_the_payment_as_issuer_unavailable() {
        AuthorizationResult result = new BankDecision.IssuerUnavailable().toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        assertThat(result.responseCode().code()).isEqualTo("20091");
    }

    @Test
    void an_expired_command_declines_the_payment_as_answered_too_late() {
        AuthorizationResult result = new BankDecision.Expired().toResult("pay_1", "scriptedbank", NOW);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(result.responseCode().code()).isEqualTo("20068");
        assertThat(result.authCode()).isNull();
    }

    @Test
    void an_authorization_shows_only_the_masked_card_in_its_text_form() {
        var authorization = new CardAuthorization("pay_1", "acq_merchant_1", new CardData("4111111111111111", "737", 3, 2030), 1050, "GBP",
                null);

        assertThat(authorization.toString()).doesNotContain("4111111111111111").doesNotContain("737").contains("1111");
        assertThat(authorization.idempotencyKey()).isEqualTo("pay_1");
    }
}
