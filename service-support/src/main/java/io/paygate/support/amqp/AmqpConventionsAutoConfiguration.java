package io.paygate.support.amqp;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.paygate.events.MessageSignature;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Message bodies are JSON records from common-events, and every message is signed ({@link MessageSignature}). Boot
 * hands the converter to the {@link RabbitTemplate} and to the listener containers, and applies the customizer to the
 * template, so every service reads, writes, signs and checks messages alike. A service does not start without the
 * signing keys.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(RabbitTemplate.class)
@EnableConfigurationProperties(MessageSigningProperties.class)
public class AmqpConventionsAutoConfiguration {

    @Bean
    MessageSignature paygateMessageSignature(MessageSigningProperties properties) {
        try {
            return MessageSignature.fromConfiguration(properties.keys(), properties.activeKey());
        } catch (IllegalArgumentException e) {
            // The messages name key ids at most, never key material.
            throw new IllegalStateException("paygate.messages.signing is missing or invalid (" + e.getMessage()
                    + "): set MESSAGE_SIGNING_KEYS to id:base64-32-bytes[,id2:...], the same on every service", e);
        }
    }

    @Bean
    MessageConverter paygateMessageConverter(MessageSignature paygateMessageSignature) {
        return new VerifyingMessageConverter(new JacksonJsonMessageConverter("io.paygate.events"),
                paygateMessageSignature);
    }

    @Bean
    @ConditionalOnClass(MeterBinder.class)
    DeadLetterQueueMetrics paygateDeadLetterQueueMetrics(AmqpAdmin admin, ObjectProvider<Queue> queues,
                                                         ObjectProvider<Declarables> declarables) {
        return new DeadLetterQueueMetrics(admin, queues.orderedStream().toList(),
                declarables.orderedStream().toList());
    }

    @Bean
    RabbitTemplateCustomizer paygateMessageSigning(MessageSignature paygateMessageSignature) {
        return template -> template.addBeforePublishPostProcessors(new SignedMessages(paygateMessageSignature));
    }
}
