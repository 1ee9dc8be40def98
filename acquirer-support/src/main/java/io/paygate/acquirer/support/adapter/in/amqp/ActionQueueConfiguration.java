package io.paygate.acquirer.support.adapter.in.amqp;

import io.paygate.events.Topology;
import io.paygate.support.amqp.ConsumerQueue;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionQueueProperties.class)
@Import(PaymentActionListener.class)
public class ActionQueueConfiguration {

    /**
     * This acquirer's queue of captures, voids and refunds, bound to its action routing key beside the authorisation
     * commands, with its dead-letter queue. Until it exists payment-service's actions come back unroutable, and it
     * asks again until they expire.
     */
    @Bean
    Declarables actionQueue(@Value("${paygate.acquirer.code}") String acquirerCode) {
        return ConsumerQueue.durableWithDeadLetters(Topology.acquirerActionQueue(acquirerCode),
                Topology.AUTHORIZATIONS_EXCHANGE, Topology.actionRoutingKey(acquirerCode));
    }
}
