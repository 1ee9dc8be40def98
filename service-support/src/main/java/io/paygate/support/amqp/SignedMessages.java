package io.paygate.support.amqp;

import io.paygate.events.MessageHeaders;
import io.paygate.events.MessageSignature;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;

/**
 * Signs every message a {@link org.springframework.amqp.rabbit.core.RabbitTemplate} sends, as its last step before
 * publishing, so that the signature covers the headers stamped after conversion ({@link OutgoingMessage}).
 */
final class SignedMessages implements MessagePostProcessor {

    private final MessageSignature signature;

    SignedMessages(MessageSignature signature) {
        this.signature = signature;
    }

    @Override
    public Message postProcessMessage(Message message) {
        MessageProperties properties = message.getMessageProperties();
        properties.setHeader(MessageHeaders.SIGNATURE, signature.sign(properties.getHeader(MessageHeaders.TYPE),
                properties.getHeader(MessageHeaders.VERSION), properties.getMessageId(), properties.getContentType(),
                message.getBody()));
        return message;
    }
}
