package io.paygate.acquirer.support.adapter.out.amqp;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Publishes results to payment-service's exchange, which the adapter does not declare: every command comes from a
 * payment-service, which declared the exchange before it sent one; and declaring it, with its alternate exchange,
 * would take a read permission on it that an adapter has no use for. An adapter that starts first still declares its
 * own queues and waits for commands.
 */
@Configuration(proxyBeanMethods = false)
public class ResultPublishingConfiguration {

    /**
     * Results go out on their own connection: if the broker blocks publishers (memory or disk alarm), the consumers
     * can still acknowledge commands, which is what frees the broker again.
     */
    @Bean
    RabbitTemplateCustomizer publishOnSeparateConnection() {
        return template -> template.setUsePublisherConnection(true);
    }

    @Bean
    RabbitAuthorizationResultPublisher authorizationResultPublisher(RabbitTemplate rabbit,
            @Value("${paygate.results.confirm-timeout}") Duration confirmTimeout) {
        return new RabbitAuthorizationResultPublisher(rabbit, confirmTimeout);
    }

    @Bean
    RabbitActionResultPublisher actionResultPublisher(RabbitTemplate rabbit,
            @Value("${paygate.results.confirm-timeout}") Duration confirmTimeout) {
        return new RabbitActionResultPublisher(rabbit, confirmTimeout);
    }
}
