package io.paygate.payment;

import io.paygate.events.ActionType;
import io.paygate.events.PaymentActionCommand;
import io.paygate.payment.PaymentApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Captures, voids and refunds end to end inside the service: HTTP in, the action written to MongoDB, its command out
 * over RabbitMQ to a fake acquirer that keeps a bank's balances, its answer back in through the action results queue.
 */
@TestPropertySource(properties = {"paygate.payments.authorization-timeout=3s", "paygate.payments.resend-after=3s"})
class PaymentActionTests extends ServiceIntegrationTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    /** An approved payment of 1050 GBP; captured by the gateway unless {@code capture} is {@code false}. */
    private String authorized(String merchant, String capture) {
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");
        if (capture != null) {
            body = body.substring(0, body.lastIndexOf('}')) + ", " + capture + "}";
        }
        Answer answer = api.post(merchant, body);
        assertThat(answer.status()).as(answer.rawBody()).isEqualTo(201);
        return answer.text("id");
    }

    private JsonNode awaitStatus(String merchant, String id, String status) {
        return await().atMost(WITHIN).until(() -> api.get(merchant, id).body(),
                payment -> status.equals(payment.path("status").asString()));
    }

    private static List<Long> balances(JsonNode payment) {
        JsonNode balances = payment.path("balances");
        return List.of(balances.path("total_authorized").asLong(), balances.path("total_voided").asLong(),
                balances.path("available_to_void").asLong(), balances.path("total_captured").asLong(),
                balances.path("available_to_capture").asLong(), balances.path("total_refunded").asLong(),
                balances.path("available_to_refund").asLong());
    }

    @Test
    void captures_an_approved_payment_in_full_by_default() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, null);

        JsonNode captured = awaitStatus(merchant, id, "Captured");

        assertThat(balances(captured)).containsExactly(1050L, 0L, 0L, 1050L, 0L, 0L, 1050L);
        assertThat(captured.path("_links").has("refund")).isTrue();
        assertThat(captured.path("_links").has("capture")).isFalse();
        assertThat(acquirer.actionsFor(id)).singleElement().satisfies(command -> {
            assertThat(command.type()).isEqualTo(ActionType.CAPTURE);
            assertThat(command.amount()).isEqualTo(1050);
            assertThat(command.finalCapture()).isTrue();
            assertThat(command.acquirerMerchantId()).isEqualTo("acq-" + merchant);
        });
        List<JsonNode> actions = new ArrayList<>();
        api.get(api.merchant(merchant), "/payments/" + id + "/actions").body().forEach(actions::add);
        assertThat(actions).extracting(action -> action.path("type").asString())
                .containsExactly("Capture", "Authorization");
        assertThat(actions.getFirst().path("approved").asBoolean()).isTrue();
        assertThat(actions.getFirst().path("response_code").asString()).isEqualTo("10000");
        assertThat(actions.getLast().path("auth_code").asString()).isNotEmpty();
    }

    @Test
    void a_payment_left_authorized_takes_partial_captures_then_a_final_one() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");
        JsonNode payment = api.get(merchant, id).body();
        assertThat(payment.path("status").asString()).isEqualTo("Authorized");
        assertThat(payment.path("_links").path("capture").path("href").asString())
                .isEqualTo("/payments/" + id + "/captures");
        assertThat(payment.path("_links").path("void").path("href").asString()).isEqualTo("/payments/" + id + "/voids");

        Answer first = api.action(merchant, id, "captures",
                "{\"amount\": 300, \"capture_type\": \"NonFinal\", \"reference\": \"SHIP-1\"}", null);

        assertThat(first.status()).as(first.rawBody()).isEqualTo(202);
        assertThat(first.text("action_id")).matches("act_[a-z2-7]{26}");
        assertThat(first.text("reference")).isEqualTo("SHIP-1");
        assertThat(first.body().path("_links").path("payment").path("href").asString()).isEqualTo("/payments/" + id);
        JsonNode partly = awaitStatus(merchant, id, "Partially Captured");
        assertThat(balances(partly)).containsExactly(1050L, 0L, 0L, 300L, 750L, 0L, 300L);

        Answer rest = api.action(merchant, id, "captures", null, null);

        assertThat(rest.status()).as(rest.rawBody()).isEqualTo(202);
        JsonNode captured = awaitStatus(merchant, id, "Captured");
        assertThat(balances(captured)).containsExactly(1050L, 0L, 0L, 1050L, 0L, 0L, 1050L);
        assertThat(acquirer.capturedAtBank(id)).isEqualTo(1050);
    }

    @Test
    void voids_an_authorisation_nothing_was_captured_from() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");

        assertThat(api.action(merchant, id, "voids", null, null).status()).isEqualTo(202);

        JsonNode voided = awaitStatus(merchant, id, "Voided");
        assertThat(balances(voided)).containsExactly(1050L, 1050L, 0L, 0L, 0L, 0L, 0L);
        Answer capture = api.action(merchant, id, "captures", "{}", null);
        assertThat(capture.status()).isEqualTo(403);
        assertThat(capture.text("error_type")).isEqualTo("action_not_allowed");
        assertThat(api.action(merchant, id, "voids", null, null).status()).isEqualTo(403);
    }

    @Test
    void refunds_part_then_the_rest_of_what_was_captured() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, null);
        awaitStatus(merchant, id, "Captured");

        Answer tooMuch = api.action(merchant, id, "refunds", "{\"amount\": 1051}", null);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body().path("error_codes").get(0).asString()).isEqualTo("amount_exceeds_balance");

        assertThat(api.action(merchant, id, "refunds", "{\"amount\": 50}", null).status()).isEqualTo(202);
        JsonNode partly = awaitStatus(merchant, id, "Partially Refunded");
        assertThat(balances(partly)).containsExactly(1050L, 0L, 0L, 1050L, 0L, 50L, 1000L);

        assertThat(api.action(merchant, id, "refunds", null, null).status()).isEqualTo(202);
        JsonNode refunded = awaitStatus(merchant, id, "Refunded");
        assertThat(balances(refunded)).containsExactly(1050L, 0L, 0L, 1050L, 0L, 1050L, 0L);
        assertThat(api.action(merchant, id, "refunds", null, null).status()).isEqualTo(403);
    }

    @Test
    void refuses_what_the_balance_or_the_state_does_not_allow_and_changes_nothing() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");

        Answer tooMuch = api.action(merchant, id, "captures", "{\"amount\": 1051}", null);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("error_type")).isEqualTo("request_invalid");
        assertThat(tooMuch.body().path("error_codes").get(0).asString())
                .isEqualTo("capture_value_greater_than_authorized");
        assertThat(api.action(merchant, id, "refunds", null, null).status()).as("nothing captured yet")
                .isEqualTo(403);
        Answer invalid = api.action(merchant, id, "captures",
                "{\"amount\": \"300\", \"capture_type\": \"Partial\", \"reference\": 5}", null);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("error_codes").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("amount_invalid", "capture_type_invalid", "reference_invalid");
        assertThat(api.action(merchant, id, "captures", "[1]", null).status()).isEqualTo(400);
        assertThat(api.action(merchant, id, "captures", "{\"amount\":", null).status()).isEqualTo(400);

        assertThat(api.get(merchant, id).body().path("actions")).hasSize(1);
        assertThat(acquirer.actionsFor(id)).isEmpty();
    }

    @Test
    void another_merchants_payment_or_an_unknown_one_is_not_found() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");

        assertThat(api.action(TestIsolation.merchantId(), id, "captures", null, null).status()).isEqualTo(404);
        assertThat(api.action(merchant, "pay_aaaaaaaaaaaaaaaaaaaaaaaaaa", "voids", null, null).status())
                .isEqualTo(404);
        assertThat(api.action(merchant, "nonsense", "refunds", null, null).status()).isEqualTo(404);
        assertThat(api.get(api.merchant(TestIsolation.merchantId()), "/payments/" + id + "/actions").status())
                .isEqualTo(404);
        assertThat(acquirer.actionsFor(id)).isEmpty();
    }

    @Test
    void a_declined_payment_takes_no_action() {
        String merchant = TestIsolation.merchantId();
        Answer declined = api.post(merchant, PaymentApi.cardPayment(DECLINED_CARD, "123"));
        assertThat(declined.text("status")).isEqualTo("Declined");

        assertThat(api.action(merchant, declined.text("id"), "captures", null, null).status()).isEqualTo(403);
        assertThat(api.action(merchant, declined.text("id"), "voids", null, null).status()).isEqualTo(403);
    }

    @Test
    void the_same_idempotency_key_gets_the_same_action_and_the_bank_moves_money_once() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");
        String body = "{\"amount\": 200, \"capture_type\": \"NonFinal\"}";

        Answer first = api.action(merchant, id, "captures", body, "cap-1");
        Answer again = api.action(merchant, id, "captures", body, "cap-1");
        Answer other = api.action(merchant, id, "captures", "{\"amount\": 201}", "cap-1");

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.text("action_id")).isEqualTo(first.text("action_id"));
        assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("error_type")).isEqualTo("idempotency_key_reused");
        JsonNode partly = awaitStatus(merchant, id, "Partially Captured");
        assertThat(partly.path("balances").path("total_captured").asLong()).isEqualTo(200);
        assertThat(acquirer.capturedAtBank(id)).isEqualTo(200);
    }

    @Test
    void racing_captures_never_take_more_than_was_authorised() throws Exception {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.action(merchant, id, "captures", "{\"amount\": 300, \"capture_type\": \"NonFinal\"}",
                            null);
                }));
            }
            start.countDown();
        }

        long accepted = 0;
        for (Future<Answer> answer : answers) {
            int status = answer.get().status();
            assertThat(status).isIn(202, 409, 422);
            accepted += status == 202 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(3);
        JsonNode payment = await().atMost(WITHIN).until(() -> api.get(merchant, id).body(),
                body -> body.path("balances").path("total_captured").asLong() == 900);
        assertThat(payment.path("balances").path("available_to_capture").asLong()).isEqualTo(150);
        assertThat(acquirer.capturedAtBank(id)).isEqualTo(900);
    }

    @Test
    void an_action_the_bank_has_not_answered_shows_pending_with_its_amount_set_aside() {
        String merchant = TestIsolation.merchantId();
        String id = authorized(merchant, "\"capture\": false");
        acquirer.holdActions(true);
        try {
            api.action(merchant, id, "captures", "{\"amount\": 400}", null);
            await().atMost(WITHIN).until(() -> acquirer.actionsFor(id), commands -> !commands.isEmpty());

            JsonNode payment = api.get(merchant, id).body();
            assertThat(payment.path("status").asString()).isEqualTo("Authorized");
            assertThat(balances(payment)).containsExactly(1050L, 0L, 0L, 0L, 0L, 0L, 0L);
            JsonNode pending = api.get(api.merchant(merchant), "/payments/" + id + "/actions").body().get(0);
            assertThat(pending.path("type").asString()).isEqualTo("Capture");
            assertThat(pending.has("approved")).isFalse();
            assertThat(pending.has("response_code")).isFalse();
        } finally {
            acquirer.holdActions(false);
        }
        await("sent again until answered").atMost(WITHIN)
                .until(() -> api.get(merchant, id).body().path("status").asString(), "Partially Captured"::equals);
        assertThat(acquirer.actionsFor(id).size()).isGreaterThan(1);
        assertThat(acquirer.actionsFor(id)).extracting(PaymentActionCommand::actionId).containsOnly(
                acquirer.actionsFor(id).getFirst().actionId());
        assertThat(acquirer.capturedAtBank(id)).isEqualTo(400);
    }

    @Test
    void a_capture_scheduled_for_later_waits_for_its_time() {
        String merchant = TestIsolation.merchantId();
        String later = authorized(merchant, "\"capture_on\": \"" + Instant.now().plusSeconds(3600) + "\"");
        String past = authorized(merchant, "\"capture_on\": \"" + Instant.now().minusSeconds(60) + "\"");

        awaitStatus(merchant, past, "Captured");
        JsonNode waiting = api.get(merchant, later).body();
        assertThat(waiting.path("status").asString()).isEqualTo("Authorized");
        assertThat(acquirer.actionsFor(later)).isEmpty();
        assertThat(waiting.path("balances").path("available_to_capture").asLong()).isZero();
        Answer contradiction = api.post(merchant, PaymentApi.cardPayment(APPROVED_CARD, "123").replaceFirst(
                "\\}$", ", \"capture\": false, \"capture_on\": \"2030-01-01T00:00:00Z\"}"));
        assertThat(contradiction.status()).isEqualTo(422);
        assertThat(contradiction.body().path("error_codes").get(0).asString()).isEqualTo("capture_on_invalid");
    }
}
