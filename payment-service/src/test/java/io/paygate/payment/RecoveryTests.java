package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.events.card.CardData;
import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.PaymentApi.Answer;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and the sweeper, on a short clock: commands wait in the payment's document until they are decided,
 * unconfirmed ones are published again, overdue ones sent again, and a payment without answer at its final deadline
 * is declined {@code 20068} and reversed at the bank.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecoveryTests extends ServiceIntegrationTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String SILENT_CARD = "4000000000000010";
    private static final String CVV = "987";
    private static final Duration FINAL_DEADLINE = Duration.ofSeconds(6);
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void shortClock(DynamicPropertyRegistry registry) {
        registry.add("paygate.payments.authorization-timeout", () -> "1s");
        registry.add("paygate.payments.resend-after", () -> "2s");
        registry.add("paygate.payments.republish-after", () -> "500ms");
        registry.add("paygate.payments.final-deadline", () -> FINAL_DEADLINE.toSeconds() + "s");
        registry.add("paygate.payments.sweep-interval", () -> "200ms");
        registry.add("paygate.payments.reversal-retry", () -> "200ms");
        registry.add("paygate.payments.reversal-retry-max", () -> "1s");
    }

    @Autowired
    MongoTemplate mongo;

    @Test
    void stores_the_sealed_command_with_the_payment_which_owes_it_until_decided() {
        String merchant = TestIsolation.merchantId();
        Answer answer = api.post(merchant, PaymentApi.cardPayment(SILENT_CARD, CVV));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");

        Document stored = stored(id);
        Document outbox = stored.get("outbox", Document.class);
        assertThat(outbox.getString("acquirer")).isEqualTo(isolation.acquirer);
        assertThat(outbox.getString("replyTo")).startsWith("result.payment-service-");
        Document owed = stored.get("owed", Document.class);
        assertThat(owed.getString("kind")).isEqualTo("AUTHORIZATION");
        assertThat(owed.getInteger("attempts")).isEqualTo(1);
        assertThat(owed.getDate("dueAt").toInstant())
                .isEqualTo(Instant.parse(api.get(merchant, id).text("requested_on")).plusSeconds(2));
        Document sealed = outbox.get("card", Document.class);
        CardData opened = cardCipher.open(new CardEnvelope(sealed.getString("keyId"), sealed.getString("nonce"),
                sealed.getString("ciphertext")), id);
        assertThat(opened.number()).isEqualTo(SILENT_CARD);
        assertThat(opened.cvv()).isEqualTo(CVV);
        assertThat(stored.toJson()).doesNotContain(SILENT_CARD).doesNotContain("\"" + CVV + "\"");
    }

    @Test
    void decides_a_payment_stored_before_versions_were_kept() {
        String merchant = TestIsolation.merchantId();
        Answer answer = api.post(merchant, PaymentApi.cardPayment(SILENT_CARD, CVV));
        String id = answer.text("id");
        String replyTo = acquirer.awaitCommand(id).command().replyTo();
        mongo.getCollection("payments").updateOne(eq("_id", id), Updates.unset("version"));

        acquirer.answer(replyTo, AuthorizationResult.declined(id, ResponseCode.DO_NOT_HONOUR, Instant.now()));

        await().atMost(WITHIN).until(() -> api.get(merchant, id).text("status").equals("Declined"));
        assertThat(stored(id).get("version", Number.class).longValue()).isEqualTo(1);
    }

    @Test
    void wipes_the_sealed_card_in_the_write_that_decides_the_payment() {
        Answer answer = api.post(TestIsolation.merchantId(), PaymentApi.cardPayment(APPROVED_CARD, CVV));
        assertThat(answer.status()).isEqualTo(201);

        Document stored = stored(answer.text("id"));
        assertThat(stored.getString("responseCode")).isEqualTo("10000");
        assertThat(stored.get("outbox", Document.class)).doesNotContainKey("card")
                .containsEntry("acquirer", isolation.acquirer);
        assertThat(stored).doesNotContainKey("reversalRequestedOn");
        await("once captured, it owes nothing").atMost(WITHIN)
                .until(() -> stored(answer.text("id")).getString("status").equals("Captured"));
        assertThat(stored(answer.text("id"))).doesNotContainKey("owed");
    }

    @Test
    void publishes_again_a_command_no_acquirer_queue_took_once_the_queue_exists() {
        String lateAcquirer = "test-" + TestIsolation.random(10);
        PaymentApi lateApi = api.withAcquirer(lateAcquirer);
        String merchant = TestIsolation.merchantId();
        Answer answer = lateApi.post(merchant, PaymentApi.cardPayment(APPROVED_CARD, CVV));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");
        assertThat(stored(id).get("owed", Document.class).getDate("dueAt").toInstant())
                .as("owed again soon, not after the wait for an answer")
                .isBefore(Instant.parse(lateApi.get(merchant, id).text("requested_on")).plusSeconds(2));

        try (FakeAcquirer started = fakeAcquirer(lateAcquirer)) {
            await().atMost(WITHIN).until(() -> lateApi.get(merchant, id).text("approved").equals("true"));
            assertThat(started.commandsFor(id)).hasSize(1);
            assertThat(started.commandsFor(id).getFirst().command().expiresAt())
                    .isEqualTo(Instant.parse(lateApi.get(merchant, id).text("requested_on")).plus(FINAL_DEADLINE));
        }
    }

    @Test
    void sends_an_overdue_command_again_and_the_bank_answers_the_payment_once() {
        String merchant = TestIsolation.merchantId();
        Answer answer = api.post(merchant, PaymentApi.cardPayment(FakeAcquirer.ANSWER_LOST_ONCE_CARD, CVV));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");

        await().atMost(WITHIN).until(() -> api.get(merchant, id).text("status").equals("Captured"));

        assertThat(acquirer.commandsFor(id)).hasSize(2);
        assertThat(acquirer.answersFor(id)).hasSize(1);
        assertThat(api.get(merchant, id).text("auth_code")).isEqualTo(acquirer.answersFor(id).getFirst().authCode());
        assertThat(stored(id)).doesNotContainKeys("owed", "reversalRequestedOn");
    }

    @Test
    void sends_every_copy_of_a_command_with_the_payments_final_deadline_as_its_expiry() {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);
        Instant requestedOn = Instant.parse(api.get(merchant, id).text("requested_on"));

        await().atMost(WITHIN).until(() -> acquirer.commandsFor(id).size() >= 2);

        assertThat(acquirer.commandsFor(id)).extracting(received -> received.command().expiresAt())
                .containsOnly(requestedOn.plus(FINAL_DEADLINE));
        assertThat(acquirer.commandsFor(id)).extracting(received -> received.command().requestedOn())
                .containsOnly(requestedOn);
    }

    @Test
    void declines_a_payment_without_answer_at_its_final_deadline_and_asks_the_bank_to_reverse_it() {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);

        Answer declined = awaitStatus(merchant, id, "Declined");

        assertThat(declined.text("response_code")).isEqualTo("20068");
        assertThat(declined.text("response_summary")).isEqualTo("Response received too late");
        assertThat(Duration.between(Instant.parse(declined.text("requested_on")),
                Instant.parse(declined.text("processed_on")))).isGreaterThanOrEqualTo(FINAL_DEADLINE);
        assertThat(acquirer.commandsFor(id)).hasSizeGreaterThan(1);
        ReversePayment reversal = await().atMost(WITHIN).until(() -> acquirer.reversalsFor(id), r -> !r.isEmpty())
                .getFirst();
        assertThat(reversal.reason()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(reversal.merchantId()).isEqualTo(merchant);
        assertThat(reversal.acquirerMerchantId()).isEqualTo("acq-" + merchant);
        assertThat(reversal.amount()).isEqualTo(1050);
        assertThat(reversal.currency()).isEqualTo("GBP");
        await().atMost(WITHIN).untilAsserted(() -> {
            Document stored = stored(id);
            assertThat(stored.get("reversalRequestedOn")).isNotNull();
            assertThat(stored).doesNotContainKey("owed");
            assertThat(stored.get("outbox", Document.class)).doesNotContainKey("card");
        });
    }

    @Test
    void changes_nothing_for_an_answer_that_comes_after_the_final_deadline(CapturedOutput output) {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);
        Answer timedOut = awaitStatus(merchant, id, "Declined");

        acquirer.answer(anotherInstance(), AuthorizationResult.approved(id, "too-late", Instant.now()));

        await().atMost(WITHIN).until(() -> output.getAll().contains("Late result for payment " + id));
        assertThat(api.get(merchant, id).rawBody()).isEqualTo(timedOut.rawBody());
    }

    @Test
    void owes_a_reversal_when_the_issuer_is_unavailable_for_a_command_that_was_sent_again() {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);
        await().atMost(WITHIN).until(() -> acquirer.commandsFor(id).size() >= 2);

        acquirer.answer(anotherInstance(), AuthorizationResult.declined(id, ResponseCode.ISSUER_UNAVAILABLE,
                Instant.now()));

        assertThat(awaitStatus(merchant, id, "Declined").text("response_code")).isEqualTo("20091");
        ReversePayment reversal = await().atMost(WITHIN).until(() -> acquirer.reversalsFor(id), r -> !r.isEmpty())
                .getFirst();
        assertThat(reversal.reason()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
    }

    @Test
    void owes_a_reversal_when_the_issuer_is_unavailable_even_for_a_command_sent_once() {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);

        acquirer.answer(anotherInstance(), AuthorizationResult.declined(id, ResponseCode.ISSUER_UNAVAILABLE,
                Instant.now()));

        assertThat(awaitStatus(merchant, id, "Declined").text("response_code")).isEqualTo("20091");
        assertThat(acquirer.commandsFor(id)).hasSize(1);
        ReversePayment reversal = await().atMost(WITHIN).until(() -> acquirer.reversalsFor(id), r -> !r.isEmpty())
                .getFirst();
        assertThat(reversal.reason()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
    }

    @Test
    void owes_a_reversal_when_the_acquirer_declines_a_command_as_too_late_before_the_final_deadline() {
        String merchant = TestIsolation.merchantId();
        String id = silentPayment(merchant);

        // What the adapter answers when no bank call would be over before the command expires; earlier calls for
        // the payment may have been approved without the answer coming back.
        Instant answeredOn = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        acquirer.answer(anotherInstance(), AuthorizationResult.declined(id, ResponseCode.RESPONSE_TOO_LATE,
                answeredOn));

        Answer declined = awaitStatus(merchant, id, "Declined");
        assertThat(declined.text("response_code")).isEqualTo("20068");
        assertThat(Instant.parse(declined.text("processed_on"))).as("the acquirer's answer, not the sweeper's time-out")
                .isEqualTo(answeredOn);
        ReversePayment reversal = await().atMost(WITHIN).until(() -> acquirer.reversalsFor(id), r -> !r.isEmpty())
                .getFirst();
        assertThat(reversal.reason()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
    }

    /** A payment the fake acquirer received and left unanswered: the request ended 202 Pending. */
    private String silentPayment(String merchant) {
        Answer answer = api.post(merchant, PaymentApi.cardPayment(SILENT_CARD, CVV));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");
        acquirer.awaitCommand(id);
        return id;
    }

    private Answer awaitStatus(String merchant, String id, String status) {
        return await().atMost(WITHIN).until(() -> api.get(merchant, id), answer -> answer.text("status").equals(status));
    }

    private Document stored(String id) {
        return mongo.getCollection("payments").find(eq("_id", id)).first();
    }

    private static String anotherInstance() {
        return Topology.resultRoutingKey("payment-service-" + TestIsolation.random(16));
    }
}
