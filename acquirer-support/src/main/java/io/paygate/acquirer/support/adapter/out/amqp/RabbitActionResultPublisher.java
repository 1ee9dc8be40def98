package io.paygate.acquirer.support.adapter.out.amqp;

import io.paygate.acquirer.support.application.port.out.ActionResultPublisher;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.Topology;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;

/**
 * Publishes the answer to a payment action as a persistent message, with the action id as message id, under
 * {@link Topology#ACTION_RESULTS_ROUTING_KEY}, and waits, for a bounded time, until the broker confirms it.
 */
class RabbitActionResultPublisher implements ActionResultPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitActionResultPublisher.class);

    private final ConfirmedPublisher publisher;
    private final Duration confirmTimeout;

    RabbitActionResultPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(PaymentActionResult result) {
        String actionId = result.actionId();
        switch (publisher.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, Topology.ACTION_RESULTS_ROUTING_KEY, result,
                PaymentActionResult.TYPE, PaymentActionResult.VERSION, actionId, confirmTimeout)) {
            case CONFIRMED -> {
            }
            // No payment-service ever declared its action results queue on this broker: requeueing the command would
            // not make the key routable. payment-service sends the command again until it expires, and the bank,
            // keyed on the action id, gives the same answer again.
            case UNROUTABLE -> log.warn("Result of action {} is unroutable with key {}: no queue is bound to it",
                    actionId, Topology.ACTION_RESULTS_ROUTING_KEY);
            case REJECTED, UNCONFIRMED -> throw new ResultNotPublishedException(
                    "Result of action " + actionId + " was not confirmed by the broker");
        }
    }
}
