package io.paygate.acquirer.piggybank.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.acquirer.piggybank.application.port.in.AuthorizePaymentUseCase;
import io.paygate.acquirer.piggybank.application.port.out.ResultNotPublishedException;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.card.CardEnvelopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Takes {@link AuthorizePayment} commands off this acquirer's queue and settles each delivery by hand: acknowledged
 * only once its result is confirmed by the broker, returned to the queue when the result could not be published,
 * dead-lettered when it can never succeed. A body that does not convert never reaches this method: the container's
 * error handler rejects it without requeueing, into the dead-letter queue.
 */
@Component
class AuthorizePaymentListener {

    static final String ID = "authorizePayment";

    private static final Logger log = LoggerFactory.getLogger(AuthorizePaymentListener.class);

    private final AuthorizePaymentUseCase authorizePayment;

    AuthorizePaymentListener(AuthorizePaymentUseCase authorizePayment) {
        this.authorizePayment = authorizePayment;
    }

    @RabbitListener(id = ID, queues = "#{T(io.paygate.events.Topology).acquirerQueue('${paygate.acquirer.code}')}")
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
        try {
            AuthorizationResult result = authorizePayment.authorize(command);
            channel.basicAck(deliveryTag, false);
            log.info("Payment {} {} ({})", paymentId, result.approved() ? "authorized" : "declined",
                    result.responseCode().code());
        } catch (CardEnvelopeException e) {
            log.error("Card of payment {} does not open ({}): dead-lettering the command", paymentId, e.getMessage());
            channel.basicReject(deliveryTag, false);
        } catch (ResultNotPublishedException e) {
            // The bank keys on the payment id, so doing the whole command again gives the same answer.
            log.warn("{}: returning the command to the queue", e.getMessage());
            channel.basicNack(deliveryTag, false, true);
        } catch (RuntimeException e) {
            // One more chance (a shutdown may have cut the bank call short), then the dead-letter queue, never a loop.
            log.error("Command for payment {} failed{}", paymentId,
                    redelivered ? ", again: dead-lettering it" : ": returning it to the queue once", e);
            channel.basicNack(deliveryTag, false, !redelivered);
        }
    }
}
