package io.paygate.payment;

import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentEventType;
import io.paygate.events.PaymentEvents;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;


/** What payment-service published on its events queue, as webhook-service would consume it, signature checked. */
final class PublishedEvents implements AutoCloseable {

    private final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> rawBodies = new CopyOnWriteArrayList<>();
    private final SimpleMessageListenerContainer container;
    private final MessageConverter converter;

    PublishedEvents(ConnectionFactory connections, MessageConverter converter, String queue) {
        this.converter = converter;
        container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setMessageListener(this::onMessage);
        container.start();
    }

    private void onMessage(Message message) {
        rawBodies.add(new String(message.getBody(), StandardCharsets.UTF_8));
        events.addAll(((PaymentEvents) converter.fromMessage(message)).events());
    }

    List<PaymentEvent> of(String paymentId) {
        return events.stream().filter(event -> event.paymentId().equals(paymentId)).toList();
    }

    /** The payment's events once those of these types have all arrived, in the order they arrived. */
    List<PaymentEvent> await(String paymentId, PaymentEventType... types) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> of(paymentId),
                arrived -> arrived.stream().map(PaymentEvent::type).toList().containsAll(List.of(types)));
    }

    List<String> rawBodies() {
        return List.copyOf(rawBodies);
    }

    @Override
    public void close() {
        container.stop();
    }
}
