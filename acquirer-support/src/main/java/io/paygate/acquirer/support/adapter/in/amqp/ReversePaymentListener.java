package io.paygate.acquirer.support.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.acquirer.support.application.port.in.ReversePaymentUseCase;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.MessageHeaders;
import io.paygate.events.ReversePayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;

import java.io.IOException;
import java.time.Duration;

/**
 * Takes {@link ReversePayment} commands off this acquirer's reversal queue and settles each delivery by hand. A
 * reversal stays owed until the bank has answered it, so a bank that gives no answer never sends one to the dead-letter
 * queue: it waits in the {@link ReversalRetryQueue} and comes back, for as long as it takes. Only a message this
 * adapter cannot read, or a call that fails twice for another reason (an answer outside the bank's API, a fault of
 * ours), is dead-lettered, for an operator to look at. A body that does not convert never reaches this method: the
 * container's error handler rejects it without requeueing, into the dead-letter queue.
 */
class ReversePaymentListener {

    static final String ID = "reversePayment";

    private static final Logger log = LoggerFactory.getLogger(ReversePaymentListener.class);

    private final ReversePaymentUseCase reversePayment;
    private final ReversalRetryQueue retryQueue;
    private final Duration retryDelay;

    ReversePaymentListener(ReversePaymentUseCase reversePayment, ReversalRetryQueue retryQueue,
                           ReversalQueueProperties properties) {
        this.reversePayment = reversePayment;
        this.retryQueue = retryQueue;
        this.retryDelay = properties.retryDelay();
    }

    /** Few consumers: reversals are rare and nobody waits on them, unlike the authorisations beside them. */
    @RabbitListener(id = ID, concurrency = "${paygate.reversals.consumers}",
            queues = "#{T(io.paygate.events.Topology).acquirerReversalQueue('${paygate.acquirer.code}')}")
    void onReversePayment(ReversePayment command,
                          @Header(name = MessageHeaders.TYPE, required = false) String type,
                          @Header(name = MessageHeaders.VERSION, required = false) Integer version,
                          @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
                          @Header(AmqpHeaders.REDELIVERED) boolean redelivered,
                          Channel channel) throws IOException {
        String paymentId = command.paymentId();
        if (!ReversePayment.TYPE.equals(type) || version == null || version != ReversePayment.VERSION) {
            log.error("Reversal of payment {} came as {} version {}, this adapter reads {} version {}: dead-lettering it",
                    paymentId, type, version, ReversePayment.TYPE, ReversePayment.VERSION);
            channel.basicReject(deliveryTag, false);
            return;
        }
        ReversalOutcome outcome;
        try {
            outcome = reversePayment.reverse(command);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down mid-retry says nothing about the reversal: it is still owed.
                log.info("Reversal of payment {} interrupted: returning it to the queue", paymentId);
                channel.basicNack(deliveryTag, false, true);
                return;
            }
            log.error("Reversal of payment {} failed{}", paymentId,
                    redelivered ? ", again: dead-lettering it" : ": returning it to the queue once", e);
            channel.basicNack(deliveryTag, false, !redelivered);
            return;
        }
        switch (outcome) {
            case REVERSED -> {
                channel.basicAck(deliveryTag, false);
                log.info("Payment {} reversed", paymentId);
            }
            case NOTHING_TO_REVERSE -> {
                channel.basicAck(deliveryTag, false);
                log.info("Payment {} has nothing to reverse at the bank", paymentId);
            }
            case BANK_UNAVAILABLE -> retryLater(command, deliveryTag, channel);
        }
    }

    private void retryLater(ReversePayment command, long deliveryTag, Channel channel) throws IOException {
        String paymentId = command.paymentId();
        if (retryQueue.park(command)) {
            // Acknowledged only once the copy is confirmed: a crash in between leaves two, and the bank reverses once.
            channel.basicAck(deliveryTag, false);
            log.info("Reversal of payment {} deferred: no answer from the bank, trying again in {}",
                    paymentId, retryDelay);
            return;
        }
        // This delivery is the only copy: hand it back, but not at once, or it would circle between this consumer and
        // the queue as fast as the bank and the broker refuse it.
        log.warn("Reversal of payment {} deferred: no answer from the bank and the retry queue did not take it; "
                + "returning it to the queue in {}", paymentId, retryDelay);
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.basicNack(deliveryTag, false, true);
    }
}
