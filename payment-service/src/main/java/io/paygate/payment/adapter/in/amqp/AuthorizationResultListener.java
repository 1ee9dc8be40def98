package io.paygate.payment.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.MessageHeaders;
import io.paygate.payment.application.RecordAuthorizationResultService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Consumes the acquirers' answers from both result queues and hands them to the one service that records them.
 * A message is acknowledged only once its result is stored. A body that cannot be read (the container rejects it
 * before this class sees it) or a contract version this code does not know is rejected for good, to the dead-letter
 * queue. A failure to store is retried once through a redelivery, then dead-lettered; the payment then stays
 * {@code Pending} until the acquirer is asked again.
 */
@Component
class AuthorizationResultListener {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationResultListener.class);

    private final RecordAuthorizationResultService results;

    AuthorizationResultListener(RecordAuthorizationResultService results) {
        this.results = results;
    }

    @RabbitListener(id = "shared-results", queues = "#{@resultQueues.shared()}", ackMode = "MANUAL")
    void onSharedResult(AuthorizationResult result, Message message, Channel channel) throws IOException {
        handle(result, message.getMessageProperties(), channel);
    }

    @RabbitListener(id = "instance-results", queues = "#{@resultQueues.instance()}", ackMode = "MANUAL")
    void onInstanceResult(AuthorizationResult result, Message message, Channel channel) throws IOException {
        handle(result, message.getMessageProperties(), channel);
    }

    private void handle(AuthorizationResult result, MessageProperties properties, Channel channel) throws IOException {
        long deliveryTag = properties.getDeliveryTag();
        boolean redelivered = Boolean.TRUE.equals(properties.isRedelivered());
        Object version = properties.getHeader(MessageHeaders.VERSION);
        // A message without a version header predates versioning and is read as version 1.
        if (version != null && !String.valueOf(AuthorizationResult.VERSION).equals(String.valueOf(version))) {
            log.error("Rejecting result for payment {}: unknown contract version {}", result.paymentId(), version);
            channel.basicReject(deliveryTag, false);
            return;
        }
        try {
            results.record(result);
        } catch (RuntimeException e) {
            log.error("Could not record the result for payment {}{}", result.paymentId(),
                    redelivered ? "; dead-lettering it" : "; it will be redelivered", e);
            channel.basicNack(deliveryTag, false, !redelivered);
            return;
        }
        channel.basicAck(deliveryTag, false);
    }
}
