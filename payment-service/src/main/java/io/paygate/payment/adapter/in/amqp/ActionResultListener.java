package io.paygate.payment.adapter.in.amqp;

import com.rabbitmq.client.Channel;
import io.paygate.events.MessageHeaders;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.Topology;
import io.paygate.payment.application.RecordActionResultService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Consumes the acquirers' answers to captures, voids and refunds from the queue every instance shares, and hands
 * them to the service that records them. Acknowledged once recorded; another contract type or version is rejected for
 * good, to the dead-letter queue; a result that fails to record is requeued once, then dead-lettered (the action stays
 * owed, and the sweeper's next send gets the bank's answer again).
 */
@Component
class ActionResultListener {

    private static final Logger log = LoggerFactory.getLogger(ActionResultListener.class);

    private final RecordActionResultService results;

    ActionResultListener(RecordActionResultService results) {
        this.results = results;
    }

    @RabbitListener(id = "actionResults", queues = "${paygate.payments.action-results-queue:"
            + Topology.PAYMENT_ACTION_RESULTS_QUEUE + "}", ackMode = "MANUAL")
    void onResult(PaymentActionResult result,
                  @Header(name = MessageHeaders.TYPE, required = false) String type,
                  @Header(name = MessageHeaders.VERSION, required = false) Integer version,
                  @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
                  @Header(AmqpHeaders.REDELIVERED) boolean redelivered,
                  Channel channel) throws IOException {
        // Every line logged while recording it names the payment (a field of its own in JSON logs).
        try (MDC.MDCCloseable logged = MDC.putCloseable("paymentId", result.paymentId())) {
            if (!PaymentActionResult.TYPE.equals(type) || version == null || version != PaymentActionResult.VERSION) {
                log.error("Rejecting the result of action {}: it came as {} version {}, this service reads {} version {}",
                        result.actionId(), type, version, PaymentActionResult.TYPE, PaymentActionResult.VERSION);
                channel.basicReject(deliveryTag, false);
                return;
            }
            try {
                results.record(result);
            } catch (RuntimeException e) {
                log.error("Could not record the result of action {} of payment {}{}", result.actionId(),
                        result.paymentId(), redelivered ? "; dead-lettering it" : "; it will be redelivered", e);
                channel.basicNack(deliveryTag, false, !redelivered);
                return;
            }
            channel.basicAck(deliveryTag, false);
        }
    }
}
