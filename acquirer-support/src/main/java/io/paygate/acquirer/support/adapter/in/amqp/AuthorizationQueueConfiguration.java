package io.paygate.acquirer.support.adapter.in.amqp;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;
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

    /**
     * The consumer's current span travels with each command to its thread: the message's, which the listener
     * container made current ({@code MessageTracingAutoConfiguration}), so the bank call is a span of the payment's
     * trace. Only observations travel by default, and no observation surrounds a message.
     */
    @Bean
    CommandsInFlight commandsInFlight(@Value("${paygate.acquirer.max-in-flight}") int maxInFlight, Tracer tracer,
                                      ObservationRegistry observations) {
        ContextRegistry consumerContext = new ContextRegistry().loadThreadLocalAccessors()
                .registerThreadLocalAccessor(new ObservationAwareSpanThreadLocalAccessor(observations, tracer));
        return new CommandsInFlight(maxInFlight,
                ContextSnapshotFactory.builder().contextRegistry(consumerContext).build());
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
