package io.paygate.acquirer.piggybank;

import io.paygate.acquirer.piggybank.testing.PiggyBankDouble;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.MessageSignature;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.events.card.CardEnvelope;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Authorization commands as deployed: real RabbitMQ, a real HTTP bank, commands in, results out. */
class AuthorizationFlowTest extends AcquirerFlowTest {

    private static final String ACQUIRER = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String COMMAND_QUEUE = Topology.acquirerQueue(ACQUIRER);
    // Not under "result.": payment-service's shared results queue, if declared on this broker, must not get these.
    private static final String REPLY_TO = replyTo(ACQUIRER);
    private static final String REPLY_QUEUE = replyQueue(ACQUIRER);
    private static final String CARD_KEY = randomKey();
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + CARD_KEY, "test");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Connect plus read timeout below: no request starts unless it is over this long before its command expires. */
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(3);
    /** How far ahead payment-service sets the expiry by default: the final deadline. */
    private static final Duration FINAL_DEADLINE = Duration.ofSeconds(60);
    private static final PiggyBankDouble bank = PiggyBankDouble.start();

    AuthorizationFlowTest() {
        super(ACQUIRER, bank);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registerAdapter(registry, ACQUIRER, CARD_KEY, bank);
        registry.add("paygate.piggybank.retry.delay", () -> "20ms");
        registry.add("paygate.piggybank.retry.max-delay", () -> "100ms");
        registry.add("paygate.piggybank.retry.jitter", () -> "10ms");
        registry.add("paygate.piggybank.connect-timeout", () -> "1s");
        registry.add("paygate.piggybank.read-timeout", () -> "2s");
    }

    /** The line per payment is debug: logged here, so that the tests see that it never holds the card number. */
    @BeforeAll
    void logEveryPayment() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("io.paygate.acquirer.support.adapter.in.amqp",
                LogLevel.DEBUG);
    }

    @BeforeAll
    void listenForResults() {
        listenForResults(REPLY_QUEUE, REPLY_TO);
    }

    @Test
    void approves_a_card_the_bank_authorizes_with_the_banks_authorization_code(CapturedOutput output) {
        AuthorizePayment command = command("4111111111111111");

        send(command);

        Message message = awaitResult(command.paymentId());
        AuthorizationResult result = convert(message);
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.authCode()).isNotBlank();
        assertThat(result.processedOn()).isAfterOrEqualTo(command.requestedOn());
        var properties = message.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(command.paymentId());
        assertThat((String) properties.getHeader(MessageHeaders.TYPE)).isEqualTo(AuthorizationResult.TYPE);
        assertThat((Integer) properties.getHeader(MessageHeaders.VERSION)).isEqualTo(AuthorizationResult.VERSION);
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(bank.requestsWithKey(command.paymentId())).singleElement().satisfies(request -> {
            assertThat(request.field("card_number")).isEqualTo("4111111111111111");
            assertThat(request.field("expiry_date")).isEqualTo("12/2030");
            assertThat(request.field("amount")).isEqualTo("1050");
            assertThat(request.field("currency")).isEqualTo("GBP");
            assertThat(request.field("cvv")).isEqualTo("737");
        });
        // Logged just after the result went out.
        await().atMost(Duration.ofSeconds(5)).until(() -> output.toString().contains("Payment " + command.paymentId()));
        assertThat(output).doesNotContain("4111111111111111");
    }

    @Test
    void declines_a_card_the_bank_refuses() {
        AuthorizePayment command = command("4111111111111112");

        send(command);

        AuthorizationResult result = convert(awaitResult(command.paymentId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.DO_NOT_HONOUR);
        assertThat(result.authCode()).isNull();
    }

    @Test
    void retries_an_unavailable_bank_with_the_same_idempotency_key_then_declines_as_issuer_unavailable() {
        AuthorizePayment command = command("4111111111111110");

        send(command);

        AuthorizationResult result = convert(awaitResult(command.paymentId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        assertThat(result.responseCode().code()).isEqualTo("20091");
        // The first attempt and three retries, every one of them under the payment id.
        assertThat(bank.requestsWithKey(command.paymentId())).hasSize(4);
    }

    @Test
    void approves_once_when_the_bank_recovers_from_a_transient_failure() {
        AuthorizePayment command = command("4111111111111111");
        bank.failNext(1);

        send(command);

        AuthorizationResult result = convert(awaitResult(command.paymentId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(bank.requestsWithKey(command.paymentId())).hasSize(2);
        awaitCommandQueueSettled();
        assertThat(resultsFor(command.paymentId())).hasSize(1);
    }

    @Test
    void acknowledges_the_command_once_its_result_is_published() {
        AuthorizePayment command = command("4111111111111113");

        send(command);

        awaitResult(command.paymentId());
        awaitCommandQueueSettled();
        assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty();
    }

    @Test
    void returns_a_command_to_the_queue_until_the_broker_confirms_its_result(CapturedOutput output) {
        String paymentId = paymentId();
        String replyTo = "acquirer-it.unconfirmed." + ACQUIRER;
        // A queue that takes nothing: the broker answers every result routed to it with a nack instead of a confirm.
        Queue refusing = QueueBuilder.durable("acquirer-it.refusing." + ACQUIRER)
                .maxLength(0).overflow(QueueBuilder.Overflow.rejectPublish).build();
        admin.declareQueue(refusing);
        try {
            admin.declareBinding(BindingBuilder.bind(refusing)
                    .to(new TopicExchange(Topology.AUTHORIZATION_RESULTS_EXCHANGE)).with(replyTo));
            AuthorizePayment command = new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                    CIPHER.seal(card("4111111111111111"), paymentId), replyTo, Instant.now(),
                    Instant.now().plus(FINAL_DEADLINE));

            send(command);

            // Not acknowledged: the command keeps coming back, and the bank replays its first answer each time.
            await().atMost(Duration.ofSeconds(15)).until(() -> bank.requestsWithKey(paymentId).size() >= 3);
            assertThat(output).contains("Result of payment " + paymentId + " was not confirmed by the broker");
            listenForResults("acquirer-it.confirmed." + ACQUIRER, replyTo);
        } finally {
            admin.deleteQueue(refusing.getName());
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !receivedFrom("acquirer-it.confirmed." + ACQUIRER, paymentId).isEmpty());
        awaitCommandQueueSettled();
        assertThat(authorizationDeadLettersFor(paymentId)).isEmpty();
    }

    @Test
    void acknowledges_a_command_whose_reply_key_no_queue_is_bound_to(CapturedOutput output) {
        String paymentId = paymentId();
        AuthorizePayment command = new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP",
                CIPHER.seal(card("4111111111111111"), paymentId), "acquirer-it.nobody." + ACQUIRER, Instant.now(),
                Instant.now().plus(FINAL_DEADLINE));

        send(command);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> output.toString().contains("Result of payment " + paymentId + " is unroutable"));
        // Requeueing would not make the reply routable; the origin's sweeper asks again if it still cares.
        awaitCommandQueueSettled();
        assertThat(authorizationDeadLettersFor(paymentId)).isEmpty();
        assertThat(bank.requestsWithKey(paymentId)).hasSize(1);
    }

    @Test
    void dead_letters_a_card_sealed_with_an_unknown_key_and_publishes_nothing() {
        String paymentId = paymentId();
        CardCipher rogue = CardCipher.fromConfiguration("rogue:" + randomKey(), "rogue");
        AuthorizePayment command = command(paymentId, rogue.seal(card("4111111111111111"), paymentId));

        send(command);

        awaitDeadLetter(paymentId);
        // The adapter settles a command only after publishing its result: once dead-lettered, nothing can follow.
        assertThat(resultsFor(paymentId)).isEmpty();
        assertThat(bank.requestsWithKey(paymentId)).isEmpty();
    }

    @Test
    void dead_letters_a_command_whose_body_does_not_convert() {
        String paymentId = paymentId();
        Message garbage = unconvertible(AuthorizePayment.TYPE, AuthorizePayment.VERSION, paymentId);

        rabbit.send(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER), garbage);

        awaitDeadLetter(paymentId);
        assertThat(resultsFor(paymentId)).isEmpty();
    }

    @Test
    void dead_letters_a_command_nobody_signed_without_calling_the_bank() {
        AuthorizePayment command = command("4111111111111111");
        Message unsigned = stamped(command);

        publishPastTheSigner(unsigned);

        awaitDeadLetter(command.paymentId());
        assertThat(resultsFor(command.paymentId())).isEmpty();
        assertThat(bank.requestsWithKey(command.paymentId())).isEmpty();
    }

    @Test
    void dead_letters_a_command_whose_amount_changed_after_it_was_signed_without_calling_the_bank() {
        AuthorizePayment command = command("4111111111111111");
        Message signed = stamped(command);
        var properties = signed.getMessageProperties();
        properties.setHeader(MessageHeaders.SIGNATURE, MessageSignature.fromConfiguration(
                TestInfrastructure.MESSAGE_SIGNING_KEYS, null).sign(AuthorizePayment.TYPE, AuthorizePayment.VERSION,
                command.paymentId(), properties.getContentType(), signed.getBody()));
        ObjectNode body = (ObjectNode) JSON.readTree(signed.getBody());
        body.put("amount", 105_000);

        publishPastTheSigner(new Message(JSON.writeValueAsBytes(body), properties));

        awaitDeadLetter(command.paymentId());
        assertThat(resultsFor(command.paymentId())).isEmpty();
        assertThat(bank.requestsWithKey(command.paymentId())).isEmpty();
    }

    @Test
    void dead_letters_a_command_of_an_unknown_version() {
        AuthorizePayment command = command("4111111111111111");

        rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER), command,
                OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION + 1, command.paymentId()));

        awaitDeadLetter(command.paymentId());
        assertThat(resultsFor(command.paymentId())).isEmpty();
        assertThat(bank.requestsWithKey(command.paymentId())).isEmpty();
    }

    @Test
    void declines_a_command_as_too_late_without_calling_the_bank_when_it_expires_before_an_answer_is_sure(
            CapturedOutput output) {
        // Not expired yet, but a request started now might still run when it does: a backlog held it up.
        AuthorizePayment command = expiringCommand("4111111111111111", Instant.now().plus(LONGEST_REQUEST).minusSeconds(1));

        send(command);

        AuthorizationResult result = convert(awaitResult(command.paymentId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(result.responseCode().code()).isEqualTo("20068");
        assertThat(result.authCode()).isNull();
        assertThat(bank.requestsWithKey(command.paymentId())).isEmpty();
        awaitCommandQueueSettled();
        assertThat(authorizationDeadLettersFor(command.paymentId())).isEmpty();
        assertThat(output.getAll().lines().filter(line -> line.contains("Not asking the Piggy Bank for payment "
                + command.paymentId()))).hasSize(1);
        assertThat(output).doesNotContain("4111111111111111");
    }

    @Test
    void declines_an_expired_command_as_too_late_without_calling_the_bank() {
        AuthorizePayment command = expiringCommand("4111111111111111", Instant.now().minusSeconds(1));

        send(command);

        assertThat(convert(awaitResult(command.paymentId())).responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(bank.requestsWithKey(command.paymentId())).isEmpty();
    }

    @Test
    void stops_retrying_a_request_the_bank_left_hanging_when_a_retry_could_outlast_the_command(CapturedOutput output) {
        // The first request fits before the expiry; it hangs until the read timeout, 2 s, and a retry then would not.
        AuthorizePayment command = expiringCommand("4111111111111111", Instant.now().plus(LONGEST_REQUEST).plusSeconds(1));
        bank.stallNext(1);

        send(command);

        AuthorizationResult result = convert(awaitResult(command.paymentId()));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(bank.requestsWithKey(command.paymentId())).hasSize(1);
        assertThat(output).contains("Stopped retrying payment " + command.paymentId() + " after 1 attempts")
                .doesNotContain("4111111111111111");
        awaitCommandQueueSettled();
        assertThat(resultsFor(command.paymentId())).hasSize(1);
    }

    @Test
    void authorizes_a_command_without_expiry_from_an_older_producer_as_before() {
        String paymentId = paymentId();
        AuthorizePayment command = expiringCommand(paymentId, CIPHER.seal(card("4111111111111111"), paymentId), null);
        Message converted = rabbit.getMessageConverter().toMessage(command, new MessageProperties());
        ObjectNode body = (ObjectNode) JSON.readTree(converted.getBody());
        assertThat(body.has("requestedOn")).isTrue();
        body.remove("expiresAt");
        Message withoutExpiry = new Message(JSON.writeValueAsBytes(body), converted.getMessageProperties());

        rabbit.send(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER),
                OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, paymentId)
                        .postProcessMessage(withoutExpiry));

        AuthorizationResult result = convert(awaitResult(paymentId));
        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(bank.requestsWithKey(paymentId)).hasSize(1);
    }

    @Test
    void serves_its_health_over_http() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    private Message awaitResult(String paymentId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> resultsFor(paymentId), received -> !received.isEmpty())
                .getFirst();
    }

    private void awaitDeadLetter(String paymentId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !authorizationDeadLettersFor(paymentId).isEmpty());
    }

    private void awaitCommandQueueSettled() {
        awaitSettled("authorizePayment", COMMAND_QUEUE);
    }



    /** The command as the template would send it, except for the signature, which only the template adds. */
    private Message stamped(AuthorizePayment command) {
        return OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, command.paymentId())
                .postProcessMessage(rabbit.getMessageConverter().toMessage(command, new MessageProperties()));
    }

    /** Publishes on a bare channel, as anyone with access to the broker can. */
    private void publishPastTheSigner(Message message) {
        var properties = new DefaultMessagePropertiesConverter().fromMessageProperties(message.getMessageProperties(),
                "UTF-8");
        rabbit.execute(channel -> {
            channel.basicPublish(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(ACQUIRER), properties,
                    message.getBody());
            return null;
        });
    }

    private AuthorizationResult convert(Message message) {
        return (AuthorizationResult) rabbit.getMessageConverter().fromMessage(message);
    }

    private static AuthorizePayment command(String cardNumber) {
        String paymentId = paymentId();
        return command(paymentId, CIPHER.seal(card(cardNumber), paymentId));
    }

    private static AuthorizePayment command(String paymentId, CardEnvelope card) {
        return expiringCommand(paymentId, card, Instant.now().plus(FINAL_DEADLINE));
    }

    private static AuthorizePayment expiringCommand(String cardNumber, Instant expiresAt) {
        String paymentId = paymentId();
        return expiringCommand(paymentId, CIPHER.seal(card(cardNumber), paymentId), expiresAt);
    }

    private static AuthorizePayment expiringCommand(String paymentId, CardEnvelope card, Instant expiresAt) {
        return new AuthorizePayment(paymentId, "mer_test", "piggy-test-001", 1050, "GBP", card, REPLY_TO, Instant.now(),
                expiresAt);
    }

    private static CardData card(String number) {
        return new CardData(number, "737", 12, 2030);
    }
}
