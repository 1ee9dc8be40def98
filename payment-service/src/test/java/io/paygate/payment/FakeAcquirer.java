package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.support.amqp.OutgoingMessage;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;

/**
 * Plays an acquirer adapter over real RabbitMQ: consumes the authorisation commands of its acquirer code, opens the
 * card envelope and answers like the Piggy Bank, by the card number's last digit: odd approves, 2/4/6/8 declines,
 * 0 never answers (the test answers later with {@link #answer}).
 */
final class FakeAcquirer implements AutoCloseable {

    /** A command as the acquirer received it, with its envelope opened. */
    record ReceivedCommand(AuthorizePayment command, CardData card, MessageProperties properties) {
    }

    private final String code;
    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final MessageConverter converter;
    private final CardCipher cipher;
    private final SimpleMessageListenerContainer container;
    private final ConcurrentLinkedQueue<ReceivedCommand> received = new ConcurrentLinkedQueue<>();

    FakeAcquirer(String code, ConnectionFactory connections, RabbitTemplate rabbit, AmqpAdmin admin,
                 MessageConverter converter, CardCipher cipher) {
        this.code = code;
        this.rabbit = rabbit;
        this.admin = admin;
        this.converter = converter;
        this.cipher = cipher;
        Queue queue = new Queue(Topology.acquirerQueue(code), false, false, true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false))
                .with(Topology.authorizeRoutingKey(code)));
        container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue.getName());
        container.setMessageListener(this::onCommand);
        container.start();
    }

    private void onCommand(Message message) {
        AuthorizePayment command = (AuthorizePayment) converter.fromMessage(message);
        CardData card = cipher.open(command.card(), command.paymentId());
        received.add(new ReceivedCommand(command, card, message.getMessageProperties()));
        char last = card.number().charAt(card.number().length() - 1);
        if (last == '0') {
            return;
        }
        Instant now = Instant.now();
        answer(command.replyTo(), (last - '0') % 2 == 1
                ? AuthorizationResult.approved(command.paymentId(), UUID.randomUUID().toString(), now)
                : AuthorizationResult.declined(command.paymentId(), ResponseCode.DO_NOT_HONOUR, now));
    }

    /** Publishes a result under a routing key, as an adapter does to the reply-to of a command. */
    void answer(String routingKey, AuthorizationResult result) {
        rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, routingKey, result,
                OutgoingMessage.stamped(AuthorizationResult.TYPE, AuthorizationResult.VERSION, result.paymentId()));
    }

    ReceivedCommand awaitCommand(String paymentId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> commandFor(paymentId), command -> command != null);
    }

    List<ReceivedCommand> commandsOf(String merchantId) {
        return received.stream().filter(received -> received.command().merchantId().equals(merchantId)).toList();
    }

    private ReceivedCommand commandFor(String paymentId) {
        return received.stream().filter(received -> received.command().paymentId().equals(paymentId))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        container.stop();
        admin.deleteQueue(Topology.acquirerQueue(code));
    }
}
