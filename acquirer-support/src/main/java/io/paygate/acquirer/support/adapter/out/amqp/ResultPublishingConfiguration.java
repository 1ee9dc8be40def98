package io.paygate.acquirer.support.adapter.out.amqp;

import io.paygate.support.amqp.AuthorizationResultsExchange;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class ResultPublishingConfiguration {

    /**
     * Producers declare the exchanges they publish to, so results can go out before any payment-service started;
     * declared as payment-service declares it, alternate exchange included.
     */
    @Bean
    Declarables authorizationResultsExchange() {
        return AuthorizationResultsExchange.declarables();
    }

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
