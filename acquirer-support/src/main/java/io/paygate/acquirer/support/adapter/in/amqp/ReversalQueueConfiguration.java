package io.paygate.acquirer.support.adapter.in.amqp;

import io.paygate.events.Topology;
import io.paygate.support.amqp.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReversalQueueProperties.class)
@Import(ReversePaymentListener.class)
public class ReversalQueueConfiguration {

    /**
     * This acquirer's reversal queue, bound to its reversal routing key beside the authorisation commands, with its
     * dead-letter queue. Until it exists payment-service's reversals come back unroutable, and it asks again.
     */
    @Bean
    Declarables reversalQueue(@Value("${paygate.acquirer.code}") String acquirerCode) {
        return ConsumerQueue.durableWithDeadLetters(Topology.acquirerReversalQueue(acquirerCode),
                Topology.AUTHORIZATIONS_EXCHANGE, Topology.reverseRoutingKey(acquirerCode));
    }

    /**
     * One TTL for every message, so they expire in the order they came: a per-message TTL shorter than the one ahead
     * of it would wait behind it, since RabbitMQ expires messages only at the head of a queue.
     */
    @Bean
    Queue reversalRetryQueue(@Value("${paygate.acquirer.code}") String acquirerCode,
                             ReversalQueueProperties properties) {
        return QueueBuilder.durable(ReversalRetryQueue.name(acquirerCode))
                .ttl(Math.toIntExact(properties.retryDelay().toMillis()))
                .deadLetterExchange("")
                .deadLetterRoutingKey(Topology.acquirerReversalQueue(acquirerCode))
                .build();
    }

    /**
     * For the containers of Boot's factory, which is the reversal consumers': on shutdown, lets the reversal in hand
     * finish (answered and acknowledged, or parked) instead of abandoning it half done; whatever is still running
     * after this long goes back to the queue.
     */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> finishReversalsInHandOnShutdown(
            @Value("${paygate.acquirer.shutdown-grace}") Duration grace) {
        return container -> container.setShutdownTimeout(grace.toMillis());
    }

    @Bean
    ReversalRetryQueue reversalRetries(RabbitTemplate rabbit, @Value("${paygate.acquirer.code}") String acquirerCode,
                                       ReversalQueueProperties properties) {
        return new ReversalRetryQueue(rabbit, acquirerCode, properties.confirmTimeout());
    }
}
