package io.paygate.support;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.MessageHeaders;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.support.amqp.AuthorizationResultsExchange;
import io.paygate.support.amqp.ConsumerQueue;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.support.mongo.MongoPingHealthIndicator;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = "spring.mongodb.database=service-support-test")
class ServiceSupportIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    private final String queue = "service-support-test." + UUID.randomUUID();

    @Autowired
    ApplicationContext context;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @AfterEach
    void deleteQueues() {
        admin.deleteQueue(queue);
        admin.deleteQueue(Topology.deadLetterQueue(queue));
    }

    @Test
    void reports_the_mongodb_wire_server_as_up_with_ping() {
        var indicator = context.getBean("mongoHealthIndicator");

        assertThat(indicator).isInstanceOf(MongoPingHealthIndicator.class);
        assertThat(((MongoPingHealthIndicator) indicator).health(false).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void carries_a_contract_record_as_json_with_type_version_and_message_id() {
        declare(AuthorizationResultsExchange.declarables());
        declare(ConsumerQueue.durableWithDeadLetters(queue, AuthorizationResultsExchange.exchange(), "result." + queue));
        AuthorizationResult sent = AuthorizationResult.approved("pay_abc", "auth-1", Instant.parse("2026-11-26T10:15:30Z"));

        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, "result." + queue, sent,
                OutgoingMessage.stamped(AuthorizationResult.TYPE, AuthorizationResult.VERSION, "pay_abc"));

        Message received = rabbit.receive(queue, 5_000);
        assertThat(received).isNotNull();
        var properties = received.getMessageProperties();
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getMessageId()).isEqualTo("pay_abc");
        assertThat((String) properties.getHeader(MessageHeaders.TYPE)).isEqualTo("AuthorizationResult");
        assertThat((Integer) properties.getHeader(MessageHeaders.VERSION)).isEqualTo(1);
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat((String) properties.getHeader(MessageHeaders.SIGNATURE)).startsWith("test:");
        assertThat(rabbit.getMessageConverter().fromMessage(received)).isEqualTo(sent);
    }

    @Test
    void reads_no_message_that_is_unsigned_or_changed_since_it_was_signed() {
        declare(AuthorizationResultsExchange.declarables());
        declare(ConsumerQueue.durableWithDeadLetters(queue, AuthorizationResultsExchange.exchange(), "result." + queue));
        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, "result." + queue,
                AuthorizationResult.declined("pay_abc", ResponseCode.DO_NOT_HONOUR, Instant.parse("2026-11-26T10:15:30Z")),
                OutgoingMessage.stamped(AuthorizationResult.TYPE, AuthorizationResult.VERSION, "pay_abc"));
        Message signed = rabbit.receive(queue, 5_000);
        assertThat(signed).isNotNull();
        MessageConverter converter = rabbit.getMessageConverter();
        assertThat(converter.fromMessage(signed)).isInstanceOf(AuthorizationResult.class);

        Message approved = new Message(new String(signed.getBody(), StandardCharsets.UTF_8)
                .replace("\"DO_NOT_HONOUR\"", "\"APPROVED\"").getBytes(StandardCharsets.UTF_8),
                signed.getMessageProperties());
        assertThat(new String(approved.getBody(), StandardCharsets.UTF_8)).contains("\"APPROVED\"");
        assertThatThrownBy(() -> converter.fromMessage(approved)).isInstanceOf(MessageConversionException.class);

        signed.getMessageProperties().setMessageId("pay_other");
        assertThatThrownBy(() -> converter.fromMessage(signed)).isInstanceOf(MessageConversionException.class);

        signed.getMessageProperties().getHeaders().remove(MessageHeaders.SIGNATURE);
        signed.getMessageProperties().setMessageId("pay_abc");
        assertThatThrownBy(() -> converter.fromMessage(signed)).isInstanceOf(MessageConversionException.class);
    }

    @Test
    void sends_what_a_consumer_rejects_to_the_dead_letter_queue() {
        declare(AuthorizationResultsExchange.declarables());
        declare(ConsumerQueue.durableWithDeadLetters(queue, AuthorizationResultsExchange.exchange(), "result." + queue));
        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, "result." + queue, "not a contract");

        rabbit.execute(channel -> {
            var delivery = channel.basicGet(queue, false);
            channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
            return null;
        });

        Message deadLettered = rabbit.receive(Topology.deadLetterQueue(queue), 5_000);
        assertThat(deadLettered).isNotNull();
        assertThat(new String(deadLettered.getBody())).contains("not a contract");
        assertThat(rabbit.receive(queue, 200)).isNull();
    }

    @Test
    void the_broker_drops_a_dead_lettered_message_after_the_retention() {
        declare(AuthorizationResultsExchange.declarables());
        declare(ConsumerQueue.durableWithDeadLetters(queue, AuthorizationResultsExchange.exchange(), "result." + queue));
        String deadLetters = Topology.deadLetterQueue(queue);
        int retention = Math.toIntExact(Topology.DEAD_LETTER_RETENTION.toMillis());

        // RabbitMQ accepts a declaration again only with the arguments the queue has.
        rabbit.execute(channel -> channel.queueDeclare(deadLetters, true, false, false,
                Map.of("x-message-ttl", retention)));
        assertThatThrownBy(() -> rabbit.execute(channel -> channel.queueDeclare(deadLetters, true, false, false,
                Map.of()))).rootCause().hasMessageContaining("inequivalent arg 'x-message-ttl'");
    }

    private void declare(Declarables declarables) {
        declarables.getDeclarables().forEach(declarable -> {
            switch (declarable) {
                case org.springframework.amqp.core.Queue q -> admin.declareQueue(q);
                case org.springframework.amqp.core.Exchange e -> admin.declareExchange(e);
                case org.springframework.amqp.core.Binding b -> admin.declareBinding(b);
                default -> throw new IllegalArgumentException(declarable.toString());
            }
        });
    }

    @SpringBootApplication
    static class TestApplication {
    }
}
