package io.paygate.acquirer.support.adapter.out.amqp;

import io.paygate.support.amqp.AuthorizationResultsExchange;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
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
     * Declares on: the results exchange names its alternate exchange, which takes read permission on the results
     * exchange to create, and an adapter's RabbitMQ user has none (docker/rabbitmq-permissions.tsv). Started before
     * any payment-service, an adapter cannot create it; its own queues must then still be declared, and its results
     * wait (unconfirmed, the command goes back to its queue) until payment-service has created the exchange.
     */
    @Bean
    RabbitAdmin amqpAdmin(ConnectionFactory connectionFactory) {
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.setIgnoreDeclarationExceptions(true);
        return admin;
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
