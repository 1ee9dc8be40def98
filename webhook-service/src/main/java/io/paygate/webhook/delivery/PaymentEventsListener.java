package io.paygate.webhook.delivery;

import com.rabbitmq.client.Channel;
import io.paygate.events.MessageHeaders;
import io.paygate.events.PaymentEvents;
import io.paygate.events.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.handler.annotation.Header;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Takes {@link PaymentEvents} off the webhook events queue. A batch is acknowledged once its deliveries are stored,
 * and only then are they handed to the worker, which attempts them on threads of its own: the consumer never waits
 * for HTTP. While the store is down a batch goes back to the queue, after a pause, so that no event is lost; a batch
 * seen again stores nothing twice. A message that is not a PaymentEvents of a known version is dead-lettered; one whose
 * signature does not hold never reaches this method (the converter refuses it, and the container dead-letters it).
 */
class PaymentEventsListener {

    static final String ID = "paymentEvents";

    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final EventDeliveries eventDeliveries;
    private final DeliveryWorker worker;
    private final Duration requeueDelay;

    PaymentEventsListener(EventDeliveries eventDeliveries, DeliveryWorker worker, DeliveryProperties properties) {
        this.eventDeliveries = eventDeliveries;
        this.worker = worker;
        this.requeueDelay = properties.requeueDelay();
    }

    @RabbitListener(id = ID, queues = Topology.WEBHOOK_EVENTS_QUEUE,
            concurrency = "${paygate.webhooks.delivery.consumers:2}")
    void onPaymentEvents(PaymentEvents events,
                         @Header(name = MessageHeaders.TYPE, required = false) String type,
                         @Header(name = MessageHeaders.VERSION, required = false) Integer version,
                         @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
                         @Header(AmqpHeaders.REDELIVERED) boolean redelivered,
                         Channel channel) throws IOException {
        if (!PaymentEvents.TYPE.equals(type) || version == null || version != PaymentEvents.VERSION) {
            log.error("Message of {} version {} on {}, this service reads {} version {}: dead-lettering it", type,
                    version, Topology.WEBHOOK_EVENTS_QUEUE, PaymentEvents.TYPE, PaymentEvents.VERSION);
            channel.basicReject(deliveryTag, false);
            return;
        }
        List<Delivery> stored;
        try {
            stored = eventDeliveries.record(events.events());
        } catch (DataAccessException e) {
            log.warn("Could not store the deliveries of {} events ({}): returning them to the queue in {}",
                    events.events().size(), e.toString(), requeueDelay);
            pause();
            channel.basicNack(deliveryTag, false, true);
            return;
        } catch (RuntimeException e) {
            // One more chance, then the dead-letter queue, never a loop.
            log.error("Events {} failed{}", events.events().getFirst().id(),
                    redelivered ? ", again: dead-lettering them" : ": returning them to the queue once", e);
            channel.basicNack(deliveryTag, false, !redelivered);
            return;
        }
        channel.basicAck(deliveryTag, false);
        stored.forEach(delivery -> worker.submit(delivery.id(), delivery.endpointId()));
    }

    private void pause() {
        try {
            Thread.sleep(requeueDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
