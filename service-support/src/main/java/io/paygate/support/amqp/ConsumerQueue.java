package io.paygate.support.amqp;

import io.paygate.events.Topology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Declares a durable consumer queue the PayGate way: bound to a durable topic exchange, and paired with a
 * dead-letter queue that receives what the consumer rejects for good, so a poison message never loops, and keeps it
 * for {@link Topology#DEAD_LETTER_RETENTION} for an operator to look at.
 */
public final class ConsumerQueue {

    private ConsumerQueue() {
    }

    public static Declarables durableWithDeadLetters(String queue, String exchange, String... routingKeys) {
        return durableWithDeadLetters(queue, new TopicExchange(exchange, true, false), routingKeys);
    }

    /** The same, bound to an exchange of any type; a fanout exchange takes no routing key. */
    public static Declarables durableWithDeadLetters(String queue, Exchange source, String... routingKeys) {
        DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        Queue deadLetterQueue = QueueBuilder.durable(Topology.deadLetterQueue(queue))
                .ttl(Math.toIntExact(Topology.DEAD_LETTER_RETENTION.toMillis()))
                .build();
        Queue consumerQueue = QueueBuilder.durable(queue)
                .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(queue)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(deadLetters, deadLetterQueue, consumerQueue, source,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(queue)));
        if (source instanceof FanoutExchange fanout) {
            declarables.add(BindingBuilder.bind(consumerQueue).to(fanout));
        }
        for (String routingKey : routingKeys) {
            declarables.add(BindingBuilder.bind(consumerQueue).to(source).with(routingKey).noargs());
        }
        return new Declarables(declarables);
    }
}
