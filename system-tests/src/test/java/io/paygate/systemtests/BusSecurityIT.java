package io.paygate.systemtests;

import com.rabbitmq.client.AMQP;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.MessageSignature;
import io.paygate.events.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The bus as an attacker with access to the broker would try it: forged or altered messages are dead-lettered unread
 * and decide no payment, and each service connects as its own user, which may do no more than its work needs.
 */
@ExtendWith(SharedStack.Extension.class)
class BusSecurityIT {

    private static final String DECLINED_CARD = "4242424242424242";
    private static final String RESULTS_DEAD_LETTERS = Topology.deadLetterQueue(Topology.PAYMENT_RESULTS_QUEUE);
    private static final String COMMANDS_DEAD_LETTERS = Topology.deadLetterQueue(Topology.acquirerQueue("piggybank"));

    private static LocalStack stack;
    private static Gateway gateway;
    private static PiggyBank bank;
    private static String apiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        bank = new PiggyBank(stack);
        apiKey = running.createMerchant("Bus Security Books", List.of("GBP"));
    }

    @Test
    void a_result_nobody_signed_or_signed_with_another_key_is_dead_lettered_and_decides_no_payment() {
        String paymentId;
        // The bank answers late, so the payment is still pending when the forged approvals arrive.
        bank.injectFaults("{\"latency_fixed_ms\": 8000}");
        try (Broker broker = new Broker(stack.rabbitUri())) {
            Gateway.Reply pending = gateway.post("/payments", apiKey, payment(DECLINED_CARD));
            assertThat(pending.status()).as(pending.body()).isEqualTo(202);
            paymentId = pending.text("id");
            long deadLettered = broker.messageCount(RESULTS_DEAD_LETTERS);
            byte[] approval = ("{\"paymentId\":\"" + paymentId + "\",\"responseCode\":\"APPROVED\","
                    + "\"authCode\":\"forged-770687\",\"processedOn\":\"" + Instant.now() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            MessageSignature anotherKey = MessageSignature.fromConfiguration("m1:" + randomKey(), null);

            // To an instance that does not exist: the results exchange's alternate exchange hands it to every instance.
            String nobodysInstance = Topology.resultRoutingKey("payment-service-" + UUID.randomUUID());
            broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, nobodysInstance,
                    properties(AuthorizationResult.TYPE, AuthorizationResult.class, paymentId, null), approval);
            broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, nobodysInstance,
                    properties(AuthorizationResult.TYPE, AuthorizationResult.class, paymentId,
                            anotherKey.sign(AuthorizationResult.TYPE, AuthorizationResult.VERSION, paymentId,
                                    "application/json", approval)), approval);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(broker.messageCount(RESULTS_DEAD_LETTERS)).isEqualTo(deadLettered + 2));
        } finally {
            bank.clearFaults();
        }
        Gateway.Reply decided = await().atMost(Duration.ofSeconds(60))
                .until(() -> gateway.get("/payments/" + paymentId, apiKey), reply -> !reply.text("status").equals("Pending"));
        assertThat(decided.text("status")).as(decided.body()).isEqualTo("Declined");
        assertThat(decided.body()).doesNotContain("forged-770687");
    }

    @Test
    void a_command_changed_after_it_was_signed_is_dead_lettered_before_the_adapter_reads_it() throws IOException {
        String paymentId;
        try (Broker broker = new Broker(stack.rabbitUri())) {
            String commands = broker.tap(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey("piggybank"));
            Gateway.Reply paid = gateway.post("/payments", apiKey, payment("4111111111111111"));
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            paymentId = paid.text("id");
            Broker.Delivered signed = broker.drain(commands).stream()
                    .filter(command -> paymentId.equals(command.properties().getMessageId()))
                    .findFirst().orElseThrow();
            broker.untap(commands);
            long deadLettered = broker.messageCount(COMMANDS_DEAD_LETTERS);
            String body = new String(signed.body(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"amount\":1050");

            broker.publish(Topology.AUTHORIZATIONS_EXCHANGE, signed.routingKey(), signed.properties(),
                    body.replace("\"amount\":1050", "\"amount\":105000").getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(broker.messageCount(COMMANDS_DEAD_LETTERS)).isEqualTo(deadLettered + 1));
        }
        assertThat(Files.readString(stack.home().resolve("logs/acquirer-piggybank-service.log")))
                .contains("Dead-lettering message " + paymentId + " (" + AuthorizePayment.TYPE + ")");
    }

    @Test
    void each_service_connects_as_its_own_user_that_may_publish_only_its_own_messages() {
        assumeThat(stack.controlsTheBroker()).as("./paygate makes the users only on this machine's broker").isTrue();
        String virtualHost = stack.rabbitUri().getPath().substring(1);
        String adapterUser = "paygate-acquirer-piggybank-service@" + virtualHost;

        assertThat(stack.connectedUsers()).contains("paygate-payment-service@" + virtualHost, adapterUser);

        try (Broker adapter = new Broker(asUser("acquirer-piggybank-service", virtualHost))) {
            // The adapter answers; only payment-service asks for authorisations.
            assertThatThrownBy(() -> adapter.publish(Topology.AUTHORIZATIONS_EXCHANGE,
                    Topology.authorizeRoutingKey("piggybank"), new AMQP.BasicProperties(), new byte[0]))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
        try (Broker webhooks = new Broker(asUser("webhook-service", virtualHost))) {
            // webhook-service reads payment events; only payment-service tells what happened to a payment.
            assertThatThrownBy(() -> webhooks.publish(Topology.PAYMENT_EVENTS_EXCHANGE,
                    Topology.PAYMENT_EVENTS_ROUTING_KEY, new AMQP.BasicProperties(), new byte[0]))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    /** The broker as the service's own user, with the password ./paygate made for it. */
    private static URI asUser(String service, String virtualHost) {
        return URI.create("amqp://paygate-" + service + "%40" + virtualHost + ":"
                + stack.secret("rabbitmq-" + service + "-password") + "@127.0.0.1:" + stack.rabbitUri().getPort()
                + "/" + virtualHost);
    }

    private static String payment(String card) {
        return """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": 1050, "currency": "GBP", "reference": "BUS-%s"}""".formatted(card, UUID.randomUUID());
    }

    private static AMQP.BasicProperties properties(String type, Class<?> contract, String messageId, String signature) {
        Map<String, Object> headers = new HashMap<>(Map.of(MessageHeaders.TYPE, type, MessageHeaders.VERSION, 1,
                "__TypeId__", contract.getName()));
        if (signature != null) {
            headers.put(MessageHeaders.SIGNATURE, signature);
        }
        return new AMQP.BasicProperties.Builder().contentType("application/json").messageId(messageId)
                .headers(headers).build();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
