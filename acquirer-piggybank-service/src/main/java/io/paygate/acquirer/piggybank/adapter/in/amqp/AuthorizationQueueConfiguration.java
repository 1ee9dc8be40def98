package io.paygate.acquirer.piggybank.adapter.in.amqp;

import io.paygate.events.Topology;
import io.paygate.support.amqp.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class AuthorizationQueueConfiguration {

    /** This acquirer's command queue, bound to its routing key, with its dead-letter queue. */
    @Bean
    Declarables authorizationQueue(@Value("${paygate.acquirer.code}") String acquirerCode) {
        return ConsumerQueue.durableWithDeadLetters(Topology.acquirerQueue(acquirerCode),
                Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(acquirerCode));
    }

    /**
     * On shutdown, lets commands already with the bank finish (their result published, then acknowledged) instead of
     * abandoning them half done; whatever is still running after this long goes back to the queue.
     */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> finishCommandsInFlightOnShutdown(
            @Value("${paygate.acquirer.shutdown-grace}") Duration grace) {
        return container -> container.setShutdownTimeout(grace.toMillis());
    }
}
