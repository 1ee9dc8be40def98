package io.paygate.payment.adapter.out.amqp;

import io.paygate.events.ActionType;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.Topology;
import io.paygate.payment.application.ActionPublisher;
import io.paygate.payment.application.Publication;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Publishes {@link PaymentActionCommand}s to the routing key of the acquirer that authorised the payment, beside its
 * authorisation commands: persistent, confirmed, mandatory, so that a command no adapter queue takes comes back and is
 * sent again later.
 */
@Component
class RabbitActionPublisher implements ActionPublisher {

    private final ConfirmedPublisher publisher;

    RabbitActionPublisher(RabbitTemplate rabbit) {
        this.publisher = new ConfirmedPublisher(rabbit);
    }

    @Override
    public Publication publish(Payment payment, PaymentAction action, Instant expiresAt, Duration confirmWithin) {
        AcquirerRouting acquirer = payment.route().current();
        PaymentActionCommand command = new PaymentActionCommand(action.id().value(), type(action.type()),
                payment.id().value(), payment.merchantId(), acquirer.acquirerMerchantId(), payment.acquirerReference(),
                action.amount(), payment.amount().currency(), action.finalCapture(), action.requestedOn(), expiresAt);
        return Publications.of(publisher.publish(Topology.AUTHORIZATIONS_EXCHANGE,
                Topology.actionRoutingKey(acquirer.acquirer()), command, PaymentActionCommand.TYPE,
                PaymentActionCommand.VERSION, command.actionId(), confirmWithin));
    }

    private static ActionType type(PaymentAction.Type type) {
        return switch (type) {
            case CAPTURE -> ActionType.CAPTURE;
            case VOID -> ActionType.VOID;
            case REFUND -> ActionType.REFUND;
        };
    }
}
