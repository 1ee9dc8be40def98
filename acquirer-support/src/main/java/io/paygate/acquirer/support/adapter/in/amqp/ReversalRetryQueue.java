package io.paygate.acquirer.support.adapter.in.amqp;

import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;

/**
 * Where a reversal the bank could not take waits until it is tried again. Nothing consumes the retry queue: its TTL
 * dead-letters each message, through the default exchange, back to the reversal queue. The wait costs no consumer,
 * survives a restart, and other reversals go on meanwhile.
 */
class ReversalRetryQueue {

    private static final String DEFAULT_EXCHANGE = "";

    private final ConfirmedPublisher publisher;
    private final String queue;
    private final Duration confirmTimeout;

    ReversalRetryQueue(RabbitTemplate rabbit, String acquirerCode, Duration confirmTimeout) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.queue = name(acquirerCode);
        this.confirmTimeout = confirmTimeout;
    }

    /** {@code acquirer.<code>.reverse.retry}, beside the reversal queue it feeds. */
    static String name(String acquirerCode) {
        return Topology.acquirerReversalQueue(acquirerCode) + ".retry";
    }

    /**
     * Publishes a fresh copy of the command, persistent and confirmed. Fresh, not the delivery as received: a copy
     * carrying the {@code x-death} header of its last trip through the retry queue would look like a dead-letter
     * cycle to RabbitMQ, which breaks such cycles by dropping the message.
     *
     * @return whether the broker holds the copy, so that the delivery may be acknowledged
     */
    boolean park(ReversePayment command) {
        return publisher.publish(DEFAULT_EXCHANGE, queue, command, ReversePayment.TYPE, ReversePayment.VERSION,
                command.paymentId(), confirmTimeout) == ConfirmedPublisher.Outcome.CONFIRMED;
    }
}
