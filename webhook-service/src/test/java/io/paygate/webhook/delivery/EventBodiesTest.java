package io.paygate.webhook.delivery;

import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventBodiesTest {

    private static final PaymentEvent.Balances BALANCES = new PaymentEvent.Balances(1050, 0, 0, 600, 0, 0, 600);

    @Test
    void writes_checkout_coms_envelope_with_the_payments_state_and_link() {
        PaymentEvent captured = new PaymentEvent("evt_az3mqxvq5p4edf4xfu2wbr7mzu", PaymentEventType.PAYMENT_CAPTURED,
                Instant.parse("2026-12-05T04:15:30.123Z"), "mer_1", "pay_vti5layihapu5bhbn5tjtk6eem",
                "act_uqlj3642dyyuroivzdwfg2fysq", "ORD-5023", 600, "GBP", ResponseCode.APPROVED, "123456",
                Instant.parse("2026-12-05T04:15:30.001Z"), BALANCES, new PaymentEvent.Card("visa", "411111", "1111"),
                Map.of("order_id", "5023"), null);

        String body = new EventBodies("https://api.example.com/").of(captured);

        assertThat(body).isEqualTo("{\"id\":\"evt_az3mqxvq5p4edf4xfu2wbr7mzu\",\"type\":\"payment_captured\","
                + "\"version\":\"1.0.0\",\"created_on\":\"2026-12-05T04:15:30.123Z\",\"data\":{"
                + "\"id\":\"pay_vti5layihapu5bhbn5tjtk6eem\",\"action_id\":\"act_uqlj3642dyyuroivzdwfg2fysq\","
                + "\"reference\":\"ORD-5023\",\"amount\":600,\"currency\":\"GBP\",\"response_code\":\"10000\","
                + "\"response_summary\":\"Approved\",\"auth_code\":\"123456\","
                + "\"processed_on\":\"2026-12-05T04:15:30.001Z\",\"balances\":{\"total_authorized\":1050,"
                + "\"total_voided\":0,\"available_to_void\":0,\"total_captured\":600,\"available_to_capture\":0,"
                + "\"total_refunded\":0,\"available_to_refund\":600},\"metadata\":{\"order_id\":\"5023\"},"
                + "\"source\":{\"type\":\"card\",\"scheme\":\"visa\",\"bin\":\"411111\",\"last4\":\"1111\"}},"
                + "\"_links\":{\"payment\":{\"href\":"
                + "\"https://api.example.com/payments/pay_vti5layihapu5bhbn5tjtk6eem\"}}}");
    }

    @Test
    void leaves_out_fields_without_a_value() {
        PaymentEvent pending = new PaymentEvent("evt_1", PaymentEventType.PAYMENT_PENDING,
                Instant.parse("2026-12-05T04:15:30Z"), "mer_1", "pay_1", "act_1", null, 1050, "EUR", null, null,
                null, BALANCES, new PaymentEvent.Card(null, "411111", "1111"), null, null);

        String body = new EventBodies("https://localhost:8443").of(pending);

        assertThat(body).doesNotContain("reference", "response_code", "response_summary", "auth_code",
                "processed_on", "metadata", "scheme", "null");
        assertThat(body).contains("\"type\":\"payment_pending\"", "\"amount\":1050",
                "\"source\":{\"type\":\"card\",\"bin\":\"411111\",\"last4\":\"1111\"}",
                "\"href\":\"https://localhost:8443/payments/pay_1\"");
    }
}
