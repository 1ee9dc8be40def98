package io.paygate.payment.adapter.out.amqp;

import io.paygate.events.AuthorizePayment;
import io.paygate.events.Topology;
import io.paygate.payment.adapter.amqp.ResultRoute;
import io.paygate.payment.application.AuthorizationPublisher;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.application.Publication;
import io.paygate.support.amqp.ConfirmedPublisher;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Publishes {@link AuthorizePayment} commands to the acquirer's routing key, as persistent messages with publisher
 * confirms; mandatory, so that a command no acquirer queue takes comes back instead of vanishing.
 */
@Component
class RabbitAuthorizationPublisher implements AuthorizationPublisher {

    private final ConfirmedPublisher publisher;
    private final ResultRoute resultRoute;

    RabbitAuthorizationPublisher(RabbitTemplate rabbit, ResultRoute resultRoute) {
        this.publisher = new ConfirmedPublisher(rabbit);
        this.resultRoute = resultRoute;
    }

    @Override
    public Publication publish(AuthorizationRequest request, Duration confirmWithin) {
        String paymentId = request.paymentId().value();
        AuthorizePayment command = new AuthorizePayment(paymentId, request.merchantId(),
                request.routing().acquirerMerchantId(), request.amount().amount(), request.amount().currency(),
                request.card(), request.replyTo(), request.requestedOn(), request.expiresAt());
        return Publications.of(publisher.publish(Topology.AUTHORIZATIONS_EXCHANGE,
                Topology.authorizeRoutingKey(request.routing().acquirer()), command, AuthorizePayment.TYPE,
                AuthorizePayment.VERSION, paymentId, confirmWithin));
    }

    @Override
    public String replyAddress() {
        return resultRoute.routingKey();
    }
}
