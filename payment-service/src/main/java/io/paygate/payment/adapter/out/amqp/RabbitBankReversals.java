package io.paygate.payment.adapter.out.amqp;

import io.paygate.events.ReversePayment;
import io.paygate.events.Topology;
import io.paygate.payment.application.BankReversals;
import io.paygate.payment.application.Publication;
import io.paygate.payment.application.ReversalRequest;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Publishes {@link ReversePayment} commands to the acquirer's reversal routing key, beside its authorisation commands:
 * persistent, confirmed, mandatory, so that a reversal no adapter queue takes comes back and is requested again later.
 * The adapter calls the bank and retries until the bank acknowledges.
 */
@Component
class RabbitBankReversals implements BankReversals {

    private final ConfirmedPublisher publisher;

    RabbitBankReversals(RabbitTemplate rabbit) {
        this.publisher = new ConfirmedPublisher(rabbit);
    }

    @Override
    public Publication requestReversal(ReversalRequest reversal, Duration confirmWithin) {
        String paymentId = reversal.paymentId().value();
        ReversePayment command = new ReversePayment(paymentId, reversal.merchantId(),
                reversal.routing().acquirerMerchantId(), reversal.amount().amount(), reversal.amount().currency(),
                reversal.reason(), reversal.requestedOn());
        return Publications.of(publisher.publish(Topology.AUTHORIZATIONS_EXCHANGE,
                Topology.reverseRoutingKey(reversal.routing().acquirer()), command, ReversePayment.TYPE,
                ReversePayment.VERSION, paymentId, confirmWithin));
    }
}
