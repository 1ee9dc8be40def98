package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.payment.FakeAcquirer.ReceivedCommand;
import io.paygate.payment.PaymentApi.Answer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys through the HTTP API, after the IETF Idempotency-Key draft: a retry gets the first answer again
 * and never makes a second payment or a second call to the bank.
 */
class IdempotencyTests extends ServiceIntegrationTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String SILENT_CARD = "4000000000000010";
    private static final Duration AUTHORIZATION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void authorizationTimeout(DynamicPropertyRegistry registry) {
        registry.add("paygate.payments.authorization-timeout", AUTHORIZATION_TIMEOUT::toString);
    }

    @Autowired
    MongoTemplate mongo;

    private static String key() {
        return "key-" + TestIsolation.random(12);
    }

    @Test
    void replays_the_first_answer_for_a_repeated_key_without_a_second_payment() {
        String merchant = TestIsolation.merchantId();
        String key = key();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");

        Answer first = api.post(merchant, key, body);
        Answer retry = api.post(merchant, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().containsHeader("Idempotent-Replayed")).isFalse();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.rawBody()).isEqualTo(first.rawBody());
        assertThat(retry.headers().getLocation()).isEqualTo(first.headers().getLocation());
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void compares_the_parsed_request_and_takes_the_key_under_either_header() {
        String merchant = TestIsolation.merchantId();
        String key = key();
        Answer first = api.post(merchant, key, PaymentApi.cardPayment(APPROVED_CARD, "123"));
        // The same request written differently: other field order and spacing, metadata keys swapped, fields PayGate
        // does not know, another cardholder name, and the key under the IETF draft's header as a quoted string.
        String sameRequest = """
                {"currency":"GBP","amount":1050,"capture":true,"reference":"ORD-5023","description":"Two books",
                 "metadata":{"gift":true,"order_id":"5023"},"customer":{"email":"jane@example.com"},
                 "source":{"cvv":"123","expiry_year":2030,"expiry_month":12,"number":"4111111111111111",
                           "name":"J. Doe","type":"card","billing_address":{"country":"GB"}}}""";

        Answer retry = api.post(headers -> {
            api.merchant(merchant).accept(headers);
            headers.set("Idempotency-Key", "\"" + key + "\"");
        }, MediaType.APPLICATION_JSON, sameRequest);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.rawBody()).isEqualTo(first.rawBody());
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void answers_409_while_the_first_request_is_in_flight_and_then_replays_its_202() throws Exception {
        String merchant = TestIsolation.merchantId();
        String key = key();
        String body = PaymentApi.cardPayment(SILENT_CARD, "123");
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> api.post(merchant, key, body));
        ReceivedCommand command = await().atMost(WITHIN).until(() -> acquirer.commandsOf(merchant),
                commands -> !commands.isEmpty()).getFirst();

        Answer whileInFlight = api.post(merchant, key, body);

        assertThat(whileInFlight.status()).isEqualTo(409);
        assertThat(whileInFlight.text("error_type")).isEqualTo("idempotency_key_in_use");
        assertThat(whileInFlight.body().path("error_codes").isEmpty()).isTrue();
        assertThat(whileInFlight.text("request_id")).isNotBlank();
        assertThat(whileInFlight.headers().containsHeader("Idempotent-Replayed")).isFalse();

        Answer pending = first.get();
        assertThat(pending.status()).isEqualTo(202);
        Answer afterwards = await().atMost(WITHIN).until(() -> api.post(merchant, key, body),
                answer -> answer.status() != 409);
        assertThat(afterwards.status()).isEqualTo(202);
        assertThat(afterwards.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(afterwards.rawBody()).isEqualTo(pending.rawBody());

        // The bank's late answer shows in GET, but a retry still repeats what the first request answered.
        String id = pending.text("id");
        acquirer.answer(command.command().replyTo(), AuthorizationResult.approved(id, "late-770687", Instant.now()));
        await().atMost(WITHIN).until(() -> api.get(merchant, id).text("status").equals("Authorized"));
        Answer afterTheDecision = api.post(merchant, key, body);
        assertThat(afterTheDecision.status()).isEqualTo(202);
        assertThat(afterTheDecision.rawBody()).isEqualTo(pending.rawBody());
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void refuses_a_key_reused_for_a_different_request_and_keeps_the_first_payment() {
        String merchant = TestIsolation.merchantId();
        String key = key();
        Answer first = api.post(merchant, key, PaymentApi.cardPayment(APPROVED_CARD, "123"));
        String otherAmount = PaymentApi.cardPayment(APPROVED_CARD, "123").replace("\"amount\": 1050", "\"amount\": 2000");

        Answer reused = api.post(merchant, key, otherAmount);

        assertThat(first.status()).isEqualTo(201);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("error_type")).isEqualTo("idempotency_key_reused");
        assertThat(reused.body().path("error_codes").isEmpty()).isTrue();
        assertThat(reused.text("request_id")).isNotBlank();
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void takes_a_retry_with_another_cvv_for_the_same_request_since_nothing_of_the_cvv_is_kept() {
        String merchant = TestIsolation.merchantId();
        String key = key();
        Answer first = api.post(merchant, key, PaymentApi.cardPayment(APPROVED_CARD, "123"));

        Answer otherCvv = api.post(merchant, key, PaymentApi.cardPayment(APPROVED_CARD, "124"));

        assertThat(otherCvv.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(otherCvv.text("id")).isEqualTo(first.text("id"));
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void keeps_each_merchants_keys_apart() {
        String key = key();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");
        String oneMerchant = TestIsolation.merchantId();
        String otherMerchant = TestIsolation.merchantId();

        Answer one = api.post(oneMerchant, key, body);
        Answer other = api.post(otherMerchant, key, body);

        assertThat(one.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.headers().containsHeader("Idempotent-Replayed")).isFalse();
        assertThat(other.text("id")).isNotEqualTo(one.text("id"));
        assertOnePaymentAndOneCommand(oneMerchant);
        assertOnePaymentAndOneCommand(otherMerchant);
    }

    @Test
    void treats_a_key_older_than_its_time_to_live_as_new() {
        String merchant = TestIsolation.merchantId();
        String key = key();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");
        String expired = api.post(merchant, key, body).text("id");
        mongo.getCollection("payments").updateOne(eq("_id", expired),
                set("requestedOn", Date.from(Instant.now().minus(Duration.ofHours(24)).minusSeconds(1))));

        Answer afterExpiry = api.post(merchant, key, body);
        Answer retry = api.post(merchant, key, body);

        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.headers().containsHeader("Idempotent-Replayed")).isFalse();
        assertThat(afterExpiry.text("id")).isNotEqualTo(expired);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text("id")).isEqualTo(afterExpiry.text("id"));
        assertThat(api.get(merchant, expired).status()).as("the expired key's payment stays").isEqualTo(200);
        assertThat(storedPaymentsOf(merchant)).isEqualTo(2);
    }

    @Test
    void the_sweeper_removes_an_expired_key_with_its_fingerprint_and_keeps_the_payment() {
        String merchant = TestIsolation.merchantId();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");
        String expired = api.post(merchant, key(), body).text("id");
        String live = api.post(merchant, key(), body).text("id");
        Document held = mongo.getCollection("payments").find(eq("_id", live)).first();
        assertThat(held.getDate("idempotencyExpiresAt")).isCloseTo(
                Date.from(held.getDate("requestedOn").toInstant().plus(Duration.ofHours(24))), 0);
        mongo.getCollection("payments").updateOne(eq("_id", expired),
                set("idempotencyExpiresAt", Date.from(Instant.now().minusSeconds(1))));

        await().atMost(WITHIN).untilAsserted(() -> assertThat(mongo.getCollection("payments")
                .find(eq("_id", expired)).first())
                .doesNotContainKeys("idempotencyScope", "requestFingerprint", "idempotencyExpiresAt")
                .containsEntry("responseCode", "10000"));
        assertThat(mongo.getCollection("payments").find(eq("_id", live)).first())
                .containsKeys("idempotencyScope", "requestFingerprint", "idempotencyExpiresAt");
    }

    @Test
    void makes_one_payment_and_one_bank_call_for_50_parallel_requests_with_one_key() throws Exception {
        String merchant = TestIsolation.merchantId();
        String key = key();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");
        int requests = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> pending = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                pending.add(threads.submit(() -> {
                    start.await();
                    return api.post(merchant, key, body);
                }));
            }
            start.countDown();
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pending) {
            answers.add(answer.get());
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 409));
        List<Answer> created = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(created.stream().filter(answer -> !answer.headers().containsHeader("Idempotent-Replayed")))
                .as("the one original answer").hasSize(1);
        assertThat(created.stream().map(answer -> answer.text("id")).distinct()).hasSize(1);
        assertThat(answers.stream().filter(answer -> answer.status() == 409))
                .allSatisfy(answer -> assertThat(answer.text("error_type")).isEqualTo("idempotency_key_in_use"));
        assertOnePaymentAndOneCommand(merchant);
    }

    @Test
    void refuses_an_idempotency_key_it_cannot_take_and_stores_nothing() {
        String merchant = TestIsolation.merchantId();
        String body = PaymentApi.cardPayment(APPROVED_CARD, "123");

        Answer tooLong = api.post(merchant, "k".repeat(256), body);
        Answer twoKeys = api.post(headers -> {
            api.merchant(merchant).accept(headers);
            headers.set("Cko-Idempotency-Key", "key-1");
            headers.set("Idempotency-Key", "key-2");
        }, MediaType.APPLICATION_JSON, body);
        Answer withInvalidFields = api.post(merchant, "k".repeat(256), body.replace("\"GBP\"", "\"XYZ\""));

        assertThat(List.of(tooLong, twoKeys)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.text("error_type")).isEqualTo("request_invalid");
            assertThat(codes(answer)).containsExactly("idempotency_key_invalid");
        });
        assertThat(codes(withInvalidFields)).containsExactly("currency_invalid", "idempotency_key_invalid");
        assertThat(storedPaymentsOf(merchant)).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> acquirer.commandsOf(merchant).isEmpty());
    }

    @Test
    void takes_the_same_key_under_both_headers() {
        String merchant = TestIsolation.merchantId();

        Answer answer = api.post(headers -> {
            api.merchant(merchant).accept(headers);
            headers.set("Cko-Idempotency-Key", "key-1");
            headers.set("Idempotency-Key", "key-1");
        }, MediaType.APPLICATION_JSON, PaymentApi.cardPayment(APPROVED_CARD, "123"));

        assertThat(answer.status()).isEqualTo(201);
    }

    /** Exactly one payment stored and one command at the bank's adapter, also a moment later. */
    private void assertOnePaymentAndOneCommand(String merchant) {
        assertThat(storedPaymentsOf(merchant)).isEqualTo(1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> acquirer.commandsOf(merchant).size() == 1);
    }

    private long storedPaymentsOf(String merchant) {
        return mongo.getCollection("payments").countDocuments(eq("merchantId", merchant));
    }

    private static List<String> codes(Answer answer) {
        List<String> codes = new ArrayList<>();
        answer.body().path("error_codes").forEach(code -> codes.add(code.asString()));
        return codes;
    }
}
