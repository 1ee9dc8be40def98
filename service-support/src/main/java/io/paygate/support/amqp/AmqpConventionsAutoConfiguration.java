package io.paygate.support.amqp;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Message bodies are JSON records from common-events. Boot hands this converter to the {@link RabbitTemplate}
 * and to the listener containers, so every service reads and writes them alike.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(RabbitTemplate.class)
public class AmqpConventionsAutoConfiguration {

    @Bean
    MessageConverter paygateMessageConverter() {
        return new JacksonJsonMessageConverter("io.paygate.events");
    }
}
