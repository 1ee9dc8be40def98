package io.paygate.payment;

import io.paygate.events.ActionType;
import io.paygate.payment.PaymentApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An authorisation nobody captures within its lifetime is voided at the bank by the sweeper, and the payment expires. */
@TestPropertySource(properties = {"paygate.payments.authorization-timeout=3s",
        "paygate.payments.authorization-lifetime=3s", "paygate.payments.sweep-interval=500ms"})
class AuthorizationExpiryTests extends ServiceIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private String authorizedWithoutCapture(String merchant) {
        Answer answer = api.post(merchant, PaymentApi.cardPayment("4111111111111111", "123")
                .replaceFirst("\\}$", ", \"capture\": false}"));
        assertThat(answer.text("status")).isEqualTo("Authorized");
        return answer.text("id");
    }

    @Test
    void voids_an_authorisation_nobody_captured_and_the_payment_expires() {
        String merchant = TestIsolation.merchantId();
        String id = authorizedWithoutCapture(merchant);

        JsonNode expired = await().atMost(WITHIN).until(() -> api.get(merchant, id).body(),
                payment -> payment.path("status").asString().equals("Expired"));

        assertThat(expired.path("balances").path("total_voided").asLong()).isEqualTo(1050);
        assertThat(expired.path("balances").path("available_to_capture").asLong()).isZero();
        assertThat(expired.path("_links").has("capture")).isFalse();
        assertThat(acquirer.actionsFor(id)).singleElement().satisfies(command -> {
            assertThat(command.type()).isEqualTo(ActionType.VOID);
            assertThat(command.amount()).isEqualTo(1050);
        });
        assertThat(api.action(merchant, id, "captures", null, null).status()).isEqualTo(403);
    }

    @Test
    void keeps_what_was_captured_when_the_rest_expires() {
        String merchant = TestIsolation.merchantId();
        String id = authorizedWithoutCapture(merchant);
        assertThat(api.action(merchant, id, "captures", "{\"amount\": 400, \"capture_type\": \"NonFinal\"}", null)
                .status()).isEqualTo(202);

        await().atMost(WITHIN).until(() -> acquirer.actionsFor(id).size() == 2);
        JsonNode payment = await().atMost(WITHIN).until(() -> api.get(merchant, id).body(),
                body -> body.path("actions").get(0).has("response_code"));

        assertThat(payment.path("status").asString()).isEqualTo("Partially Captured");
        assertThat(payment.path("balances").path("total_captured").asLong()).isEqualTo(400);
        assertThat(payment.path("balances").path("available_to_capture").asLong()).as("the rest expired").isZero();
        assertThat(acquirer.actionsFor(id).getLast().type()).isEqualTo(ActionType.VOID);
        assertThat(acquirer.actionsFor(id).getLast().amount()).isEqualTo(650);
    }
}
