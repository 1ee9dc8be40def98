package io.paygate.support.amqp;

import io.paygate.events.Topology;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Declares a durable consumer queue the PayGate way: bound to a durable topic exchange, and paired with a
 * dead-letter queue that receives what the consumer rejects for good, so a poison message never loops.
 */
public final class ConsumerQueue {

    private ConsumerQueue() {
    }

    public static Declarables durableWithDeadLetters(String queue, String exchange, String... routingKeys) {
        DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        Queue deadLetterQueue = QueueBuilder.durable(Topology.deadLetterQueue(queue)).build();
        Queue consumerQueue = QueueBuilder.durable(queue)
                .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(queue)
                .build();
        TopicExchange source = new TopicExchange(exchange, true, false);

        List<Declarable> declarables = new ArrayList<>(List.of(deadLetters, deadLetterQueue, consumerQueue, source,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(queue)));
        for (String routingKey : routingKeys) {
            Binding binding = BindingBuilder.bind(consumerQueue).to(source).with(routingKey);
            declarables.add(binding);
        }
        return new Declarables(declarables);
    }
}
