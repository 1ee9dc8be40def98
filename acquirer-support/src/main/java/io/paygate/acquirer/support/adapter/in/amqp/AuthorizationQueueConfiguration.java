package io.paygate.acquirer.support.adapter.in.amqp;

import io.paygate.events.Topology;
import io.paygate.support.amqp.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@Import(AuthorizePaymentListener.class)
public class AuthorizationQueueConfiguration {

    static final String CONTAINER_FACTORY = "authorizationContainerFactory";

    /** This acquirer's command queue, bound to its routing key, with its dead-letter queue. */
    @Bean
    Declarables authorizationQueue(@Value("${paygate.acquirer.code}") String acquirerCode) {
        return ConsumerQueue.durableWithDeadLetters(Topology.acquirerQueue(acquirerCode),
                Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(acquirerCode));
    }

    @Bean
    CommandsInFlight commandsInFlight(@Value("${paygate.acquirer.max-in-flight}") int maxInFlight) {
        return new CommandsInFlight(maxInFlight);
    }

    /**
     * Boot's settings ({@code spring.rabbitmq.listener.simple.*}, virtual threads) with the authorisations' own
     * consumers and prefetch: together the consumers prefetch no more commands than may be in flight, so every
     * command they hold is already at the bank, none waits behind the others.
     */
    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory authorizationContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            CommandsInFlight commandsInFlight, @Value("${paygate.acquirer.consumers}") int consumers,
            @Value("${paygate.acquirer.shutdown-grace}") Duration grace) {
        if (consumers < 1) {
            throw new IllegalArgumentException("paygate.acquirer.consumers must be at least 1");
        }
        var factory = new SimpleRabbitListenerContainerFactory() {
            @Override
            protected SimpleMessageListenerContainer createContainerInstance() {
                return new AuthorizationListenerContainer(commandsInFlight, grace);
            }
        };
        configurer.configure(factory, connectionFactory);
        factory.setConcurrentConsumers(consumers);
        factory.setMaxConcurrentConsumers(consumers);
        factory.setPrefetchCount(Math.max(1, commandsInFlight.limit() / consumers));
        return factory;
    }
}
