package io.paygate.support.amqp;

import io.paygate.events.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.TopicExchange;

/**
 * The exchange acquirers answer on, with its alternate exchange. Every service that declares it takes it from here:
 * RabbitMQ refuses to declare an existing exchange again with other arguments.
 */
public final class AuthorizationResultsExchange {

    private AuthorizationResultsExchange() {
    }

    public static Declarables declarables() {
        return new Declarables(unrouted(), exchange());
    }

    /** The results exchange itself, with its alternate exchange named. */
    public static TopicExchange exchange() {
        return ExchangeBuilder.topicExchange(Topology.AUTHORIZATION_RESULTS_EXCHANGE).durable(true)
                .alternate(Topology.UNROUTED_RESULTS_EXCHANGE).build();
    }

    /** Where the results go that no instance's queue takes. */
    public static FanoutExchange unrouted() {
        return new FanoutExchange(Topology.UNROUTED_RESULTS_EXCHANGE, true, false);
    }
}
