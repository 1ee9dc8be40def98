package io.paygate.payment;

import io.paygate.events.PaymentEvent;
import io.paygate.events.ResponseCode;
import io.paygate.payment.PaymentApi.Answer;
import io.paygate.payment.application.OutboxEvents;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.configuration.PaymentProperties;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static io.paygate.events.PaymentEventType.PAYMENT_APPROVED;
import static io.paygate.events.PaymentEventType.PAYMENT_CAPTURED;
import static io.paygate.events.PaymentEventType.PAYMENT_DECLINED;
import static io.paygate.events.PaymentEventType.PAYMENT_PENDING;
import static io.paygate.events.PaymentEventType.PAYMENT_REFUNDED;
import static io.paygate.events.PaymentEventType.PAYMENT_VOIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment events for webhooks: made by the write that makes the change they report, published once it is stored,
 * removed from the payment's outbox once the broker has them, and published again by the sweeper when nobody removed
 * them in time.
 */
@TestPropertySource(properties = {"paygate.payments.authorization-timeout=2s", "paygate.payments.resend-after=2s",
        "paygate.payments.sweep-interval=300ms", "paygate.payments.event-republish-after=2s"})
class PaymentEventTests extends ServiceIntegrationTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String SILENT_CARD = "4000000000000010";

    @Autowired
    PaymentStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PaymentProperties properties;

    private PublishedEvents published;

    @BeforeAll
    void listen() {
        published = new PublishedEvents(connections, converter, isolation.eventsQueue);
    }

    @AfterAll
    void stopListening() {
        published.close();
    }

    private Answer pay(String merchant, String card, String extra) {
        String body = PaymentApi.cardPayment(card, "123");
        return api.post(merchant, extra == null ? body : body.replaceFirst("\\}$", ", " + extra + "}"));
    }

    private Document stored(String paymentId) {
        return mongo.getCollection("payments").find(eq("_id", paymentId)).first();
    }

    private void awaitEmptyOutbox(String paymentId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Document payment = stored(paymentId);
            return !payment.containsKey("events") && !payment.containsKey("eventsDueAt");
        });
    }

    @Test
    void an_approval_and_its_automatic_capture_are_published_as_they_left_the_payment() {
        String merchant = TestIsolation.merchantId();
        Answer answer = pay(merchant, APPROVED_CARD, null);
        String id = answer.text("id");

        List<PaymentEvent> events = published.await(id, PAYMENT_APPROVED, PAYMENT_CAPTURED);

        assertThat(events).hasSize(2);
        PaymentEvent approved = events.stream().filter(event -> event.type() == PAYMENT_APPROVED).findFirst()
                .orElseThrow();
        assertThat(approved.id()).matches("evt_[a-z2-7]{26}");
        assertThat(approved.merchantId()).isEqualTo(merchant);
        assertThat(approved.actionId()).isEqualTo(answer.text("action_id"));
        assertThat(approved.amount()).isEqualTo(1050);
        assertThat(approved.currency()).isEqualTo("GBP");
        assertThat(approved.reference()).isEqualTo("ORD-5023");
        assertThat(approved.metadata()).containsEntry("order_id", "5023").containsEntry("gift", true);
        assertThat(approved.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(approved.authCode()).isNotBlank();
        assertThat(approved.processedOn()).isNotNull();
        assertThat(approved.card()).isEqualTo(new PaymentEvent.Card("Visa", "411111", "1111"));
        assertThat(approved.balances().totalAuthorized()).isEqualTo(1050);

        PaymentEvent captured = events.stream().filter(event -> event.type() == PAYMENT_CAPTURED).findFirst()
                .orElseThrow();
        assertThat(captured.id()).isNotEqualTo(approved.id());
        assertThat(captured.actionId()).isNotEqualTo(approved.actionId()).isEqualTo(actionIds(merchant, id).getFirst());
        assertThat(captured.amount()).isEqualTo(1050);
        assertThat(captured.balances()).isEqualTo(new PaymentEvent.Balances(1050, 0, 0, 1050, 0, 0, 1050));
        assertThat(published.rawBodies()).noneMatch(body -> body.contains(APPROVED_CARD) || body.contains("\"123\""));
        awaitEmptyOutbox(id);
    }

    @Test
    void a_decline_is_published_with_its_reason() {
        String merchant = TestIsolation.merchantId();
        String id = pay(merchant, DECLINED_CARD, null).text("id");

        assertThat(published.await(id, PAYMENT_DECLINED)).singleElement().satisfies(declined -> {
            assertThat(declined.responseCode()).isEqualTo(ResponseCode.DO_NOT_HONOUR);
            assertThat(declined.authCode()).isNull();
            assertThat(declined.balances().totalAuthorized()).isZero();
        });
        awaitEmptyOutbox(id);
    }

    @Test
    void each_answered_action_of_the_merchant_is_published() {
        String merchant = TestIsolation.merchantId();
        String captured = pay(merchant, APPROVED_CARD, "\"capture\": false").text("id");
        assertThat(api.action(merchant, captured, "captures", "{\"amount\": 400}", null).status()).isEqualTo(202);
        published.await(captured, PAYMENT_APPROVED, PAYMENT_CAPTURED);
        assertThat(api.action(merchant, captured, "refunds", "{\"amount\": 150}", null).status()).isEqualTo(202);
        String voided = pay(merchant, APPROVED_CARD, "\"capture\": false").text("id");
        assertThat(api.action(merchant, voided, "voids", null, null).status()).isEqualTo(202);

        List<PaymentEvent> events = published.await(captured, PAYMENT_APPROVED, PAYMENT_CAPTURED, PAYMENT_REFUNDED);
        assertThat(events).extracting(PaymentEvent::type, PaymentEvent::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PAYMENT_APPROVED, 1050L),
                org.assertj.core.groups.Tuple.tuple(PAYMENT_CAPTURED, 400L),
                org.assertj.core.groups.Tuple.tuple(PAYMENT_REFUNDED, 150L));
        assertThat(events.getLast().balances()).isEqualTo(new PaymentEvent.Balances(1050, 0, 0, 400, 0, 150, 250));
        assertThat(published.await(voided, PAYMENT_APPROVED, PAYMENT_VOIDED).getLast().balances().totalVoided())
                .isEqualTo(1050);
    }

    @Test
    void a_payment_still_pending_when_its_command_is_sent_again_is_published_pending() {
        String merchant = TestIsolation.merchantId();
        Answer answer = pay(merchant, SILENT_CARD, null);
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");

        assertThat(published.await(id, PAYMENT_PENDING)).singleElement().satisfies(pending -> {
            assertThat(pending.responseCode()).isNull();
            assertThat(pending.processedOn()).isNull();
            assertThat(pending.amount()).isEqualTo(1050);
        });
    }

    /** An instance that dies between the write of a change and the broker's confirm of its events loses none. */
    @Test
    void events_the_broker_never_confirmed_are_published_again_by_the_sweeper() {
        String merchant = TestIsolation.merchantId();
        String id = pay(merchant, SILENT_CARD, "\"capture\": false").text("id");
        Payment pending = store.findById(new PaymentId(id)).orElseThrow();
        Instant now = Instant.now();
        Payment approved = pending.authorize("A1B2C3", now, now, properties.recoveryPolicy());
        List<io.paygate.payment.domain.PaymentEvent> made = approved.eventsSince(pending, now);

        // Written as the relay writes it, but never handed to the broker.
        assertThat(store.update(pending, approved, new OutboxEvents(made, now.plusMillis(500), null))).isTrue();
        assertThat(stored(id).getList("events", Document.class)).hasSize(1);

        assertThat(published.await(id, PAYMENT_APPROVED)).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(made.getFirst().id());
            assertThat(event.authCode()).isEqualTo("A1B2C3");
        });
        awaitEmptyOutbox(id);
    }

    private List<String> actionIds(String merchant, String paymentId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode action : api.get(api.merchant(merchant), "/payments/" + paymentId + "/actions").body()) {
            ids.add(action.path("id").asString());
        }
        return ids;
    }
}
