package io.paygate.acquirer.support.domain;

import io.paygate.events.ActionType;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");

    @Test
    void an_approval_carries_the_banks_reference_of_the_action() {
        PaymentActionResult result = new ActionDecision.Approved("cap-123")
                .toResult("act_1", "pay_1", ActionType.CAPTURE, "scriptedbank", NOW);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.acquirerReference()).isEqualTo("cap-123");
        assertThat(result.actionId()).isEqualTo("act_1");
        assertThat(result.paymentId()).isEqualTo("pay_1");
        assertThat(result.type()).isEqualTo(ActionType.CAPTURE);
        assertThat(result.acquirer()).isEqualTo("scriptedbank");
        assertThat(result.processedOn()).isEqualTo(NOW);
    }

    @Test
    void a_decline_carries_the_response_code_the_banks_answer_means() {
        PaymentActionResult result = new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT)
                .toResult("act_1", "pay_1", ActionType.REFUND, "scriptedbank", NOW);

        assertThat(result.approved()).isFalse();
        assertThat(result.responseCode().code()).isEqualTo("20013");
        assertThat(result.acquirerReference()).isNull();
    }

    @Test
    void a_decline_is_never_an_approval() {
        assertThatThrownBy(() -> new ActionDecision.Declined(ResponseCode.APPROVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_action_request_may_start_only_if_it_is_over_by_the_expiry() {
        Duration longest = Duration.ofSeconds(6);

        assertThat(action(NOW.plus(longest)).endsBeforeExpiry(NOW, longest)).isTrue();
        assertThat(action(NOW.plus(longest).minusMillis(1)).endsBeforeExpiry(NOW, longest)).isFalse();
    }

    @Test
    void only_a_capture_can_be_final() {
        assertThatThrownBy(() -> new PaymentActionRequest("act_1", ActionType.REFUND, "pay_1", "acq_merchant_1", null,
                1050, "GBP", true, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static PaymentActionRequest action(Instant expiresAt) {
        return new PaymentActionRequest("act_1", ActionType.CAPTURE, "pay_1", "acq_merchant_1", null, 1050, "GBP",
                false, expiresAt);
    }
}
