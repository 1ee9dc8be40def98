package io.paygate.acquirer.support.adapter.out.amqp;

import io.paygate.acquirer.support.application.port.out.AuthorizationResultPublisher;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.Topology;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;

/** Publishes a result as a persistent message and waits, for a bounded time, until the broker confirms it. */
class RabbitAuthorizationResultPublisher implements AuthorizationResultPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitAuthorizationResultPublisher.class);

    private final ConfirmedPublisher publisher;
    private final Duration confirmTimeout;

    RabbitAuthorizationResultPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(AuthorizationResult result, String replyTo) {
        String paymentId = result.paymentId();
        switch (publisher.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, replyTo, result, AuthorizationResult.TYPE,
                AuthorizationResult.VERSION, paymentId, confirmTimeout)) {
            case CONFIRMED -> {
            }
            // Requeueing the command would not make the key routable: the origin instance's sweeper asks again.
            case UNROUTABLE -> log.warn("Result of payment {} is unroutable with reply key {}: no queue is bound to it",
                    paymentId, replyTo);
            case REJECTED, UNCONFIRMED -> throw new ResultNotPublishedException(
                    "Result of payment " + paymentId + " was not confirmed by the broker");
        }
    }
}
