package io.paygate.support.amqp;

import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a PayGate message and waits, for a bounded time, until the broker has taken responsibility for it.
 * It says what became of the message instead of throwing, because every caller has its own remedy for each case.
 * <p>
 * Needs a template with publisher confirms ({@code spring.rabbitmq.publisher-confirm-type: correlated}) and
 * {@code mandatory} with publisher returns, so that an unroutable message is told apart from a delivered one.
 */
public class ConfirmedPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedPublisher.class);
    /** Messages a queue did not take, by message type and outcome. */
    private static final String FAILURES = "paygate.publish.failures";

    /** What became of a message. Only {@link #CONFIRMED} means a queue holds it. */
    public enum Outcome {
        /** A queue holds the message. */
        CONFIRMED,
        /** No queue is bound to the routing key: the broker returned the message. */
        UNROUTABLE,
        /** The broker refused the message. */
        REJECTED,
        /** No answer from the broker in time, or no broker: the message may or may not have gone out. */
        UNCONFIRMED
    }

    private final RabbitTemplate rabbit;

    public ConfirmedPublisher(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /**
     * @param messageId the payment id: the message id of the message and the correlation of its confirm
     */
    public Outcome publish(String exchange, String routingKey, Object body, String type, int version, String messageId,
                           Duration confirmWithin) {
        Outcome outcome = send(exchange, routingKey, body, type, version, messageId, confirmWithin);
        if (outcome != Outcome.CONFIRMED) {
            // The global registry is the one Boot configures (management.metrics.use-global-registry).
            Metrics.counter(FAILURES, "message", type, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        }
        return outcome;
    }

    private Outcome send(String exchange, String routingKey, Object body, String type, int version, String messageId,
                         Duration confirmWithin) {
        CorrelationData correlation = new CorrelationData(messageId);
        try {
            rabbit.convertAndSend(exchange, routingKey, body, OutgoingMessage.stamped(type, version, messageId), correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmWithin.toNanos(), TimeUnit.NANOSECONDS);
            // A return always arrives before its confirm.
            if (correlation.getReturned() != null) {
                return Outcome.UNROUTABLE;
            }
            if (!confirm.ack()) {
                log.warn("Broker refused {} {}: {}", type, messageId, confirm.reason());
                return Outcome.REJECTED;
            }
            return Outcome.CONFIRMED;
        } catch (TimeoutException e) {
            return Outcome.UNCONFIRMED;
        } catch (AmqpException | ShutdownSignalException | ExecutionException e) {
            // ShutdownSignalException: the client library's own, for a channel opened on a connection the broker is
            // just closing. One line, no stack trace: during a broker outage every publication ends here.
            log.warn("Could not publish {} {} to {} with key {}: {}", type, messageId, exchange, routingKey, e.toString());
            return Outcome.UNCONFIRMED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.UNCONFIRMED;
        }
    }
}
