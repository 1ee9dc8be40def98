package io.paygate.payment;

import com.rabbitmq.client.AMQP;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.MessageHeaders;
import io.paygate.events.MessageSignature;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.payment.PaymentApi.Answer;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.RecoveryPolicies;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How results come back: through the shared durable queue even when another instance asked, at most once in effect,
 * and to the dead-letter queue when they cannot be read.
 */
@TestPropertySource(properties = "paygate.payments.authorization-timeout=1s")
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationResultTests extends ServiceIntegrationTest {

    private static final String SILENT_CARD = "4000000000000010";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    PaymentStore store;

    /** A payment the fake acquirer received and left unanswered: the request ended 202 Pending. */
    private String pendingPayment(String merchant) {
        Answer answer = api.post(merchant, PaymentApi.cardPayment(SILENT_CARD, "123"));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.text("id");
        acquirer.awaitCommand(id);
        return id;
    }

    /** The routing key of a payment-service instance that is not this one, e.g. one that died. */
    private static String anotherInstance() {
        return Topology.resultRoutingKey("payment-service-" + TestIsolation.random(16));
    }

    @Test
    void records_a_result_that_only_the_shared_queue_receives() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(merchant);

        acquirer.answer(anotherInstance(), AuthorizationResult.declined(id, ResponseCode.INSUFFICIENT_FUNDS,
                Instant.now()));

        await().atMost(WITHIN).untilAsserted(() -> {
            Answer answer = api.get(merchant, id);
            assertThat(answer.text("status")).isEqualTo("Declined");
            assertThat(answer.text("response_code")).isEqualTo("20051");
        });
    }

    @Test
    void ignores_a_second_result_for_a_payment_already_decided() {
        String merchant = TestIsolation.merchantId();
        String decided = pendingPayment(merchant);
        String marker = pendingPayment(merchant);
        acquirer.answer(anotherInstance(), AuthorizationResult.approved(decided, "first-770687", Instant.now()));
        await().atMost(WITHIN).until(() -> api.get(merchant, decided).text("status").equals("Authorized"));
        Answer before = api.get(merchant, decided);

        // One channel keeps the two messages in order on the shared queue: once the marker is recorded, the
        // duplicate before it has been consumed too.
        rabbit.invoke(operations -> {
            acquirer.answer(anotherInstance(), AuthorizationResult.declined(decided, ResponseCode.DO_NOT_HONOUR,
                    Instant.now()));
            acquirer.answer(anotherInstance(), AuthorizationResult.approved(decided, "second-1", Instant.now()));
            acquirer.answer(anotherInstance(), AuthorizationResult.approved(marker, "marker", Instant.now()));
            return null;
        });
        await().atMost(WITHIN).until(() -> api.get(merchant, marker).text("status").equals("Authorized"));

        Answer after = api.get(merchant, decided);
        assertThat(after.text("status")).isEqualTo("Authorized");
        assertThat(after.text("auth_code")).isEqualTo("first-770687");
        assertThat(after.text("processed_on")).isEqualTo(before.text("processed_on"));
        assertThat(after.rawBody()).isEqualTo(before.rawBody());
    }

    @Test
    void dead_letters_a_result_it_cannot_read() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("__TypeId__", AuthorizationResult.class.getName());
        Message unreadable = MessageBuilder.withBody("{\"paymentId\": ".getBytes(StandardCharsets.UTF_8))
                .andProperties(properties).build();

        rabbit.send("", isolation.resultsQueue, unreadable);

        assertThat(awaitDeadLetter("{\"paymentId\": ")).isEqualTo("{\"paymentId\": ");
    }

    @Test
    void dead_letters_a_result_of_an_unknown_contract_version() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(merchant);

        rabbit.convertAndSend("", isolation.resultsQueue, AuthorizationResult.approved(id, "v2", Instant.now()),
                message -> {
                    message.getMessageProperties().setHeader(MessageHeaders.VERSION, 2);
                    return message;
                });

        assertThat(awaitDeadLetter(id)).contains("\"authCode\":\"v2\"");
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
    }

    @Test
    void dead_letters_a_result_nobody_signed_and_leaves_the_payment_pending() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(merchant);

        publishUnsigned(AuthorizationResult.approved(id, "forged-770687", Instant.now()), null);

        assertThat(awaitDeadLetter("forged-770687")).contains(id);
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
    }

    @Test
    void dead_letters_a_result_changed_after_it_was_signed() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(merchant);
        AuthorizationResult declined = AuthorizationResult.declined(id, ResponseCode.DO_NOT_HONOUR, Instant.now());
        String signatureOfTheDecline = MessageSignature.fromConfiguration(TestInfrastructure.MESSAGE_SIGNING_KEYS, null)
                .sign(AuthorizationResult.TYPE, AuthorizationResult.VERSION, id, MessageProperties.CONTENT_TYPE_JSON,
                        converter.toMessage(declined, new MessageProperties()).getBody());

        publishUnsigned(AuthorizationResult.approved(id, "altered-770687", declined.processedOn()),
                signatureOfTheDecline);

        assertThat(awaitDeadLetter("altered-770687")).contains(id);
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
    }

    /** Publishes on a bare channel, past the template that would sign it, as anyone with access to the broker can. */
    private void publishUnsigned(AuthorizationResult result, String signature) {
        Map<String, Object> headers = new HashMap<>(Map.of(MessageHeaders.TYPE, AuthorizationResult.TYPE,
                MessageHeaders.VERSION, AuthorizationResult.VERSION,
                "__TypeId__", AuthorizationResult.class.getName()));
        if (signature != null) {
            headers.put(MessageHeaders.SIGNATURE, signature);
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(MessageProperties.CONTENT_TYPE_JSON).messageId(result.paymentId()).headers(headers).build();
        byte[] body = converter.toMessage(result, new MessageProperties()).getBody();
        rabbit.execute(channel -> {
            channel.basicPublish("", isolation.resultsQueue, properties, body);
            return null;
        });
    }

    @Test
    void dead_letters_a_result_that_still_fails_when_it_is_delivered_again(CapturedOutput output) {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(merchant);
        // A decline with an authorisation code contradicts itself: no delivery can record it.
        AuthorizationResult poison = new AuthorizationResult(id, ResponseCode.DO_NOT_HONOUR, "poison-770687",
                Instant.now());

        acquirer.answer(anotherInstance(), poison);

        assertThat(awaitDeadLetter("poison-770687")).contains(id);
        assertThat(output.getAll()).contains("Could not record the result for payment " + id + "; it will be redelivered")
                .contains("Could not record the result for payment " + id + "; dead-lettering it");
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
    }

    @Test
    void records_exactly_one_of_several_racing_decisions() throws Exception {
        String merchantId = TestIsolation.merchantId();
        Payment pending = Payment.request(merchantId, new Money(1050, "GBP"),
                CardSummary.of("4111111111111111", 12, 2030), StoredCommands.route(isolation.acquirer, merchantId),
                null, null, null, CapturePlan.MANUAL, Instant.now(), RecoveryPolicies.DEFAULTS);
        store.insert(pending, StoredCommands.of(pending, cardCipher));
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Decision> decisions = new ArrayList<>();
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                Decision decision = i % 2 == 0
                        ? new Decision(ResponseCode.APPROVED, "racer-" + i, Instant.now(), Instant.now())
                        : new Decision(ResponseCode.DO_NOT_HONOUR, null, Instant.now(), Instant.now());
                decisions.add(decision);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return store.update(pending, pending.decide(decision, RecoveryPolicies.DEFAULTS));
                }));
            }
            start.countDown();
        }

        List<Decision> winners = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            if (outcomes.get(i).get()) {
                winners.add(decisions.get(i));
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(store.findById(pending.id())).contains(pending.decide(winners.getFirst(), RecoveryPolicies.DEFAULTS));
    }

    /** The body of the first dead letter that contains the text; others, from earlier tests, are skipped. */
    private String awaitDeadLetter(String text) {
        return await().atMost(WITHIN).until(() -> {
            Message message = rabbit.receive(Topology.deadLetterQueue(isolation.resultsQueue));
            return message == null ? null : new String(message.getBody(), StandardCharsets.UTF_8);
        }, body -> body != null && body.contains(text));
    }
}
