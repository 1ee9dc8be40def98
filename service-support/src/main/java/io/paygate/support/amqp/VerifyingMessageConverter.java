package io.paygate.support.amqp;

import io.paygate.events.MessageHeaders;
import io.paygate.events.MessageSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.SmartMessageConverter;

/**
 * Reads a message only when its {@link MessageSignature} holds. One that is unsigned, signed with another key or
 * altered since fails to convert, which the listener container treats as fatal: it is rejected without requeueing,
 * into its queue's dead-letter queue, before any listener sees it.
 */
final class VerifyingMessageConverter implements SmartMessageConverter {

    private static final Logger log = LoggerFactory.getLogger(VerifyingMessageConverter.class);

    private final SmartMessageConverter json;
    private final MessageSignature signature;

    VerifyingMessageConverter(SmartMessageConverter json, MessageSignature signature) {
        this.json = json;
        this.signature = signature;
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        return json.toMessage(object, properties);
    }

    @Override
    public Object fromMessage(Message message) {
        return json.fromMessage(authentic(message));
    }

    @Override
    public Object fromMessage(Message message, Object conversionHint) {
        return json.fromMessage(authentic(message), conversionHint);
    }

    private Message authentic(Message message) {
        MessageProperties properties = message.getMessageProperties();
        Object type = properties.getHeader(MessageHeaders.TYPE);
        String presented = properties.getHeader(MessageHeaders.SIGNATURE) instanceof Object value
                ? value.toString() : null;
        if (!signature.verifies(presented, type, properties.getHeader(MessageHeaders.VERSION),
                properties.getMessageId(), properties.getContentType(), message.getBody())) {
            log.warn("Dead-lettering message {} ({}) from queue {}: {}", properties.getMessageId(), type,
                    properties.getConsumerQueue(), presented == null ? "it is not signed" : "its signature does not hold");
            throw new MessageConversionException("Message " + properties.getMessageId() + " is not authentic");
        }
        return message;
    }
}
