package io.paygate.support.amqp;

import io.paygate.events.MessageHeaders;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessagePostProcessor;

/** Stamps an outgoing message with the PayGate envelope: contract type and version, message id, persistence. */
public final class OutgoingMessage {

    private OutgoingMessage() {
    }

    /**
     * @param messageId the payment id, so that duplicates of one payment's message can be recognised downstream
     */
    public static MessagePostProcessor stamped(String type, int version, String messageId) {
        return message -> {
            var properties = message.getMessageProperties();
            properties.setHeader(MessageHeaders.TYPE, type);
            properties.setHeader(MessageHeaders.VERSION, version);
            properties.setMessageId(messageId);
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            return message;
        };
    }
}
