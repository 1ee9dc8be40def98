package io.paygate.webhook.delivery;

import io.paygate.events.Topology;
import io.paygate.support.amqp.ConsumerQueue;
import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(DeliveryProperties.class)
@Import({PaymentEventsListener.class, DeliverySweeper.class})
class DeliveryConfiguration {

    /** The queue of payment events, as payment-service declares it too, with its dead-letter queue. */
    @Bean
    Declarables paymentEventsQueue() {
        return ConsumerQueue.durableWithDeadLetters(Topology.WEBHOOK_EVENTS_QUEUE, Topology.PAYMENT_EVENTS_EXCHANGE,
                Topology.PAYMENT_EVENTS_ROUTING_KEY);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetrySchedule retrySchedule(DeliveryProperties properties) {
        return new RetrySchedule(properties.retrySchedule());
    }

    @Bean
    EventBodies eventBodies(DeliveryProperties properties) {
        return new EventBodies(properties.linksBaseUrl());
    }

    @Bean
    WebhookSender webhookSender(EndpointAddressPolicy policy, DeliveryProperties properties, Clock clock) {
        return new WebhookSender(policy, properties.timeout(), clock);
    }
}
