package io.paygate.acquirer.piggybank.adapter.out.amqp;

import io.paygate.acquirer.piggybank.application.port.out.AuthorizationResultPublisher;
import io.paygate.acquirer.piggybank.application.port.out.ResultNotPublishedException;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.Topology;
import io.paygate.support.amqp.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes a result as a persistent message and waits, for a bounded time, until the broker confirms it. */
class RabbitAuthorizationResultPublisher implements AuthorizationResultPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitAuthorizationResultPublisher.class);

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    RabbitAuthorizationResultPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(AuthorizationResult result, String replyTo) {
        String paymentId = result.paymentId();
        var correlation = new CorrelationData();
        CorrelationData.Confirm confirm;
        try {
            rabbit.convertAndSend(Topology.AUTHORIZATION_RESULTS_EXCHANGE, replyTo, result,
                    OutgoingMessage.stamped(AuthorizationResult.TYPE, AuthorizationResult.VERSION, paymentId), correlation);
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (AmqpException | ExecutionException e) {
            throw new ResultNotPublishedException("Result of payment " + paymentId + " not published", e);
        } catch (TimeoutException e) {
            throw new ResultNotPublishedException("Broker did not confirm the result of payment " + paymentId
                    + " within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultNotPublishedException("Interrupted while publishing the result of payment " + paymentId, e);
        }
        if (!confirm.ack()) {
            throw new ResultNotPublishedException("Broker refused the result of payment " + paymentId + ": "
                    + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            // Requeueing the command would not make the key routable: the origin instance's sweeper asks again.
            log.warn("Result of payment {} is unroutable with reply key {}: no queue is bound to it", paymentId, replyTo);
        }
    }
}
