package io.paygate.payment.application;

import io.paygate.payment.domain.PaymentAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ActionCommandTest {

    private static List<String> errorsOf(PaymentAction.Type type, ActionInput input) {
        RequestInvalidException invalid = catchThrowableOfType(RequestInvalidException.class,
                () -> ActionCommand.from(type, input));
        assertThat(invalid).as("the request should be invalid").isNotNull();
        return invalid.errorCodes();
    }

    @Test
    void an_empty_request_captures_everything_finally() {
        ActionCommand capture = ActionCommand.from(PaymentAction.Type.CAPTURE,
                new ActionInput(null, null, null, null, List.of()));

        assertThat(capture.amount()).isNull();
        assertThat(capture.finalCapture()).isTrue();
        assertThat(capture.metadata()).isEmpty();
        assertThat(capture.idempotencyKey()).isNull();
    }

    @Test
    void reads_every_field_of_a_capture() {
        ActionCommand capture = ActionCommand.from(PaymentAction.Type.CAPTURE,
                new ActionInput("500", "NonFinal", "SHIP-1", Map.of("box", 1), List.of("cap-1")));

        assertThat(capture).isEqualTo(new ActionCommand(PaymentAction.Type.CAPTURE, 500L, false, "SHIP-1",
                Map.of("box", 1), new IdempotencyKey("cap-1")));
    }

    @Test
    void only_a_capture_is_final_and_a_void_moves_no_amount_of_its_own() {
        ActionCommand refund = ActionCommand.from(PaymentAction.Type.REFUND,
                new ActionInput("500", "Final", null, null, List.of()));
        ActionCommand voiding = ActionCommand.from(PaymentAction.Type.VOID,
                new ActionInput("500", null, null, null, List.of()));

        assertThat(refund.finalCapture()).isFalse();
        assertThat(refund.amount()).isEqualTo(500);
        assertThat(voiding.amount()).isNull();
    }

    @Test
    void reports_every_invalid_field_at_once() {
        assertThat(errorsOf(PaymentAction.Type.CAPTURE, new ActionInput("\"500\"", "Partial", 5, List.of(1),
                List.of("a", "b")))).containsExactlyInAnyOrder("amount_invalid", "capture_type_invalid",
                "reference_invalid", "metadata_invalid", "idempotency_key_invalid");
        assertThat(errorsOf(PaymentAction.Type.REFUND, new ActionInput("0", null, "x".repeat(81), null, List.of())))
                .containsExactlyInAnyOrder("amount_invalid", "reference_invalid");
        assertThat(errorsOf(PaymentAction.Type.CAPTURE, new ActionInput("10.5", null, null, null, List.of())))
                .containsExactly("amount_invalid");
    }
}
