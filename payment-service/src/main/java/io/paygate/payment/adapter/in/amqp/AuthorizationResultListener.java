package io.paygate.payment.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.MessageHeaders;
import io.paygate.payment.application.RecordAuthorizationResultService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Consumes the acquirers' answers from both result queues (this instance's own, and the shared one for results whose
 * instance is gone) and hands them to the one service that records them.
 * A message is acknowledged only once its result is stored. A body that cannot be read (the container rejects it
 * before this class sees it), or another contract type or version than this code knows, is rejected for good, to the
 * dead-letter queue.
 * <p>
 * Bounded redelivery: a result that fails to record is requeued once and, if it fails again, dead-lettered, so a
 * poison message is tried twice and never loops. The broker's {@code redelivered} flag tells the second try: classic
 * queues count no deliveries, and {@code x-death} counts dead-letterings, not requeues. The flag is also set on a
 * message whose consumer died holding it, which then gets one try here; either way the payment stays {@code Pending}
 * and the sweeper asks the acquirer again, whose answer is recorded then.
 */
@Component
class AuthorizationResultListener {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationResultListener.class);

    private final RecordAuthorizationResultService results;

    AuthorizationResultListener(RecordAuthorizationResultService results) {
        this.results = results;
    }

    @RabbitListener(id = "results", queues = {"#{@resultQueues.instance()}", "#{@resultQueues.shared()}"},
            ackMode = "MANUAL")
    void onResult(AuthorizationResult result, Message message, Channel channel) throws IOException {
        // Every line logged while recording it names the payment (a field of its own in JSON logs).
        try (MDC.MDCCloseable logged = MDC.putCloseable("paymentId", result.paymentId())) {
            MessageProperties properties = message.getMessageProperties();
            long deliveryTag = properties.getDeliveryTag();
            boolean redelivered = Boolean.TRUE.equals(properties.isRedelivered());
            Object type = properties.getHeader(MessageHeaders.TYPE);
            Object version = properties.getHeader(MessageHeaders.VERSION);
            // A message without these headers predates them and is read as an AuthorizationResult of version 1.
            if (type != null && !AuthorizationResult.TYPE.equals(String.valueOf(type))) {
                log.error("Rejecting a message for payment {} on a results queue: it is a {}", result.paymentId(), type);
                channel.basicReject(deliveryTag, false);
                return;
            }
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
}
