package io.paygate.acquirer.support.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.paygate.acquirer.support.application.port.in.AuthorizePaymentUseCase;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.card.CardEnvelopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;

import java.io.IOException;

/**
 * Takes {@link AuthorizePayment} commands off this acquirer's queue and hands each to a virtual thread of its own
 * ({@link CommandsInFlight}), so the consumer is free for the next one while the bank answers. Each delivery is settled
 * by hand from that thread: acknowledged only once its result is confirmed by the broker, returned to the queue when
 * the result could not be published, dead-lettered when it can never succeed. A body that does not convert never
 * reaches this method: the container's error handler rejects it without requeueing, into the dead-letter queue.
 */
class AuthorizePaymentListener {

    static final String ID = "authorizePayment";

    private static final Logger log = LoggerFactory.getLogger(AuthorizePaymentListener.class);

    private final AuthorizePaymentUseCase authorizePayment;
    private final CommandsInFlight commandsInFlight;

    AuthorizePaymentListener(AuthorizePaymentUseCase authorizePayment, CommandsInFlight commandsInFlight) {
        this.authorizePayment = authorizePayment;
        this.commandsInFlight = commandsInFlight;
    }

    @RabbitListener(id = ID, containerFactory = AuthorizationQueueConfiguration.CONTAINER_FACTORY,
            queues = "#{T(io.paygate.events.Topology).acquirerQueue('${paygate.acquirer.code}')}")
    void onAuthorizePayment(AuthorizePayment command,
                            @Header(name = MessageHeaders.VERSION, required = false) Integer version,
                            @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
                            @Header(AmqpHeaders.REDELIVERED) boolean redelivered,
                            Channel channel) throws IOException {
        String paymentId = command.paymentId();
        if (version == null || version != AuthorizePayment.VERSION) {
            log.error("Command for payment {} has {} {}, this adapter reads {}: dead-lettering it",
                    paymentId, MessageHeaders.VERSION, version, AuthorizePayment.VERSION);
            channel.basicReject(deliveryTag, false);
            return;
        }
        Delivery delivery = new Delivery(paymentId, deliveredOn(channel), deliveryTag);
        if (!commandsInFlight.start(() -> authorize(command, redelivered, delivery))) {
            log.debug("Not starting payment {}: the consumers are stopping, the command goes back to the queue",
                    paymentId);
        }
    }

    private void authorize(AuthorizePayment command, boolean redelivered, Delivery delivery) {
        // Every line logged while authorising it names the payment (a field of its own in JSON logs).
        try (MDC.MDCCloseable logged = MDC.putCloseable("paymentId", command.paymentId())) {
            String paymentId = command.paymentId();
            try {
                AuthorizationResult result = authorizePayment.authorize(command);
                delivery.ack();
                // Debug, like payment-service's line per payment: at hundreds a second it costs more than it tells.
                log.debug("Payment {} {} ({})", paymentId, result.approved() ? "authorized" : "declined",
                        result.responseCode().code());
            } catch (CardEnvelopeException e) {
                log.error("Card of payment {} does not open ({}): dead-lettering the command", paymentId, e.getMessage());
                delivery.reject();
            } catch (ResultNotPublishedException e) {
                // The bank keys on the payment id, so doing the whole command again gives the same answer.
                log.warn("{}: returning the command to the queue", e.getMessage());
                delivery.nack(true);
            } catch (RuntimeException e) {
                // One more chance, then the dead-letter queue, never a loop.
                log.error("Command for payment {} failed{}", paymentId,
                        redelivered ? ", again: dead-lettering it" : ": returning it to the queue once", e);
                delivery.nack(!redelivered);
            }
        }
    }

    /**
     * The channel itself, not Spring's cached-channel proxy, which would open a new channel if this one had closed:
     * a delivery tag means something only on the channel it came on, and acknowledging it on another fails that
     * channel.
     */
    private static Channel deliveredOn(Channel channel) {
        return channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
    }

    /** One command's delivery, settled from the thread that worked on it. The client's channels allow that. */
    private record Delivery(String paymentId, Channel channel, long tag) {

        void ack() {
            settle(() -> channel.basicAck(tag, false));
        }

        void reject() {
            settle(() -> channel.basicReject(tag, false));
        }

        void nack(boolean requeue) {
            settle(() -> channel.basicNack(tag, false, requeue));
        }

        private void settle(Settlement settlement) {
            try {
                settlement.run();
            } catch (IOException | ShutdownSignalException e) {
                // The broker returned the command to the queue when the channel closed; the bank keys on the payment id.
                log.info("Command for payment {} not settled, its channel is closed ({}): it goes back to the queue",
                        paymentId, e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface Settlement {
        void run() throws IOException;
    }
}
