package io.paygate.payment.adapter.out.amqp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PublisherConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublisherConfiguration.class);

    /**
     * A returned command is handled where it was published, through its correlation data; without a callback the
     * template would also warn about every return.
     */
    @Bean
    RabbitTemplateCustomizer returnsReadFromCorrelationData() {
        return template -> template.setReturnsCallback(returned -> log.debug("No queue took message {} for {}",
                returned.getMessage().getMessageProperties().getMessageId(), returned.getRoutingKey()));
    }
}
