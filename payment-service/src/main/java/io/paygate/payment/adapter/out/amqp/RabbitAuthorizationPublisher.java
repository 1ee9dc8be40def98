package io.paygate.payment.adapter.out.amqp;

import io.paygate.events.AuthorizePayment;
import io.paygate.events.Topology;
import io.paygate.payment.adapter.amqp.ResultRoute;
import io.paygate.payment.application.AuthorizationPublisher;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.support.amqp.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes {@link AuthorizePayment} commands to the acquirer's routing key, as persistent messages with publisher
 * confirms; mandatory, so that a command no acquirer queue takes comes back instead of vanishing.
 */
@Component
class RabbitAuthorizationPublisher implements AuthorizationPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitAuthorizationPublisher.class);

    private final RabbitTemplate rabbit;
    private final ResultRoute resultRoute;

    RabbitAuthorizationPublisher(RabbitTemplate rabbit, ResultRoute resultRoute) {
        this.rabbit = rabbit;
        this.resultRoute = resultRoute;
    }

    @Override
    public Publication publish(AuthorizationRequest request, Duration confirmWithin) {
        String paymentId = request.paymentId().value();
        AuthorizePayment command = new AuthorizePayment(paymentId, request.merchantId(), request.acquirerMerchantId(),
                request.amount().amount(), request.amount().currency(), request.card(), resultRoute.routingKey(),
                request.requestedOn());
        CorrelationData correlation = new CorrelationData(paymentId);
        try {
            rabbit.convertAndSend(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(request.acquirer()),
                    command, OutgoingMessage.stamped(AuthorizePayment.TYPE, AuthorizePayment.VERSION, paymentId),
                    correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmWithin.toNanos(), TimeUnit.NANOSECONDS);
            // A return always arrives before its confirm.
            if (correlation.getReturned() != null) {
                return Publication.UNROUTABLE;
            }
            if (!confirm.ack()) {
                log.warn("Broker refused the authorisation request for payment {}: {}", paymentId, confirm.reason());
                return Publication.REJECTED;
            }
            return Publication.CONFIRMED;
        } catch (TimeoutException e) {
            return Publication.UNCONFIRMED;
        } catch (AmqpException | ExecutionException e) {
            log.warn("Could not publish the authorisation request for payment {}", paymentId, e);
            return Publication.UNCONFIRMED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Publication.UNCONFIRMED;
        }
    }
}
