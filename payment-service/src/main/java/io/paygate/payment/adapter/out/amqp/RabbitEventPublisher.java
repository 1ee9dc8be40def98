package io.paygate.payment.adapter.out.amqp;

import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentEvents;
import io.paygate.events.Topology;
import io.paygate.payment.application.EventPublisher;
import io.paygate.payment.application.EventsOfPayment;
import io.paygate.payment.application.Publication;
import io.paygate.payment.domain.Balances;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Payment;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Publishes payment events as one {@link PaymentEvents} message per batch for webhook-service: persistent, confirmed,
 * mandatory. The card goes no further than its scheme, BIN and last four digits.
 */
@Component
class RabbitEventPublisher implements EventPublisher {

    private final ConfirmedPublisher publisher;

    RabbitEventPublisher(RabbitTemplate rabbit) {
        this.publisher = new ConfirmedPublisher(rabbit);
    }

    @Override
    public Publication publish(List<EventsOfPayment> events, Duration confirmWithin) {
        PaymentEvents message = new PaymentEvents(events.stream()
                .flatMap(ofPayment -> ofPayment.events().stream()
                        .map(event -> event(ofPayment.payment(), event, ofPayment.traceParent())))
                .toList());
        return Publications.of(publisher.publish(Topology.PAYMENT_EVENTS_EXCHANGE, Topology.PAYMENT_EVENTS_ROUTING_KEY,
                message, PaymentEvents.TYPE, PaymentEvents.VERSION, message.events().getFirst().id(), confirmWithin));
    }

    private static PaymentEvent event(Payment payment, io.paygate.payment.domain.PaymentEvent event,
                                      String traceParent) {
        Balances balances = event.balances();
        CardSummary card = payment.card();
        return new PaymentEvent(event.id(), event.type(), event.createdOn(), payment.merchantId(),
                payment.id().value(), event.actionId().value(), payment.reference(), event.amount(),
                payment.amount().currency(), event.responseCode(), payment.authCode(), event.processedOn(),
                new PaymentEvent.Balances(balances.totalAuthorized(), balances.totalVoided(),
                        balances.availableToVoid(), balances.totalCaptured(), balances.availableToCapture(),
                        balances.totalRefunded(), balances.availableToRefund()),
                new PaymentEvent.Card(card.scheme().label(), card.bin(), card.last4()),
                payment.metadata(), traceParent);
    }
}
