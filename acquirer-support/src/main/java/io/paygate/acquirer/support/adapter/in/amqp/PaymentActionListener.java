package io.paygate.acquirer.support.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.acquirer.support.application.port.in.PaymentActionUseCase;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.events.MessageHeaders;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Takes {@link PaymentActionCommand}s (captures, voids, refunds) off this acquirer's action queue and settles each
 * delivery by hand. The command is acknowledged once the bank's answer is published and confirmed by the broker, and
 * returned to the queue, after a pause, when the broker did not take it: the bank keys the action on its action id, so
 * asking again gives the same answer and never moves money twice.
 * <p>
 * When the bank gave no answer (after the retries, or at once while its circuit breaker is open), or the command
 * expires before an answer is sure to come, the command is acknowledged and nothing is published: payment-service owns
 * an action's retries and sends the command again until its expiry, when it records the action declined {@code 20068}.
 * Parking it here as well would only have two parties asking the bank for it.
 * <p>
 * Only a message this adapter cannot read, or a call that fails twice for another reason (an answer outside the
 * bank's API, a fault of ours), is dead-lettered, for an operator to look at. A body that does not convert never
 * reaches this method: the container's error handler rejects it without requeueing, into the dead-letter queue.
 */
class PaymentActionListener {

    static final String ID = "paymentAction";

    private static final Logger log = LoggerFactory.getLogger(PaymentActionListener.class);

    private final PaymentActionUseCase paymentAction;
    private final Duration requeueDelay;

    PaymentActionListener(PaymentActionUseCase paymentAction, ActionQueueProperties properties) {
        this.paymentAction = paymentAction;
        this.requeueDelay = properties.requeueDelay();
    }

    /** Few consumers: actions come at a merchant's pace, and nobody waits on the bank's answer to them. */
    @RabbitListener(id = ID, concurrency = "${paygate.actions.consumers:2}",
            queues = "#{T(io.paygate.events.Topology).acquirerActionQueue('${paygate.acquirer.code}')}")
    void onPaymentAction(PaymentActionCommand command,
                         @Header(name = MessageHeaders.TYPE, required = false) String type,
                         @Header(name = MessageHeaders.VERSION, required = false) Integer version,
                         @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
                         @Header(AmqpHeaders.REDELIVERED) boolean redelivered,
                         Channel channel) throws IOException {
        String action = describe(command);
        if (!PaymentActionCommand.TYPE.equals(type) || version == null || version != PaymentActionCommand.VERSION) {
            log.error("{} came as {} version {}, this adapter reads {} version {}: dead-lettering it",
                    action, type, version, PaymentActionCommand.TYPE, PaymentActionCommand.VERSION);
            channel.basicReject(deliveryTag, false);
            return;
        }
        Optional<PaymentActionResult> result;
        try {
            result = paymentAction.act(command);
        } catch (ResultNotPublishedException e) {
            // This delivery is the only copy: hand it back, but not at once, or it would circle between this consumer
            // and the queue as fast as the broker refuses the result.
            log.warn("{}: returning the command to the queue in {}", e.getMessage(), requeueDelay);
            pause();
            channel.basicNack(deliveryTag, false, true);
            return;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("{} interrupted: returning it to the queue", action);
                channel.basicNack(deliveryTag, false, true);
                return;
            }
            log.error("{} failed{}", action, redelivered ? ", again: dead-lettering it" : ": returning it to the queue once", e);
            channel.basicNack(deliveryTag, false, !redelivered);
            return;
        }
        channel.basicAck(deliveryTag, false);
        result.ifPresentOrElse(
                answered -> log.info("{} {} ({})", action, answered.approved() ? "approved" : "declined",
                        answered.responseCode().code()),
                () -> log.info("{} got no answer from the bank: payment-service sends it again until it expires at {}",
                        action, command.expiresAt()));
    }

    private static String describe(PaymentActionCommand command) {
        return "Action " + command.actionId() + " (" + command.type() + " of payment " + command.paymentId() + ")";
    }

    private void pause() {
        try {
            Thread.sleep(requeueDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
