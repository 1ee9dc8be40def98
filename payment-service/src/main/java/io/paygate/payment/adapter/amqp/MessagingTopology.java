package io.paygate.payment.adapter.amqp;

import io.paygate.events.Topology;
import io.paygate.payment.configuration.PaymentProperties;
import io.paygate.support.amqp.AuthorizationResultsExchange;
import io.paygate.support.amqp.ConsumerQueue;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The exchanges and queues payment-service publishes to and consumes from, declared when it connects.
 * <p>
 * Each result is delivered once: to the exclusive queue of the instance that asked, found by the reply key its
 * command named, or, when that instance is gone, through the results exchange's alternate exchange to a durable
 * queue that every instance shares.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingTopology {

    /**
     * Listeners start before the web server takes requests and stop only after it has drained them, so that a request
     * still waiting during a graceful shutdown can be woken by its result.
     */
    private static final int LISTENER_PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;

    /**
     * Consumers recording results at once. Recording one is a conditional write that waits for the store to have it
     * on disk (a millisecond or two, more under load): one consumer would cap the instance at a few hundred results a
     * second, while several wait together and share the store's group commit.
     */
    static final int RESULTS_CONSUMERS = 8;

    /**
     * Results each consumer holds unacknowledged: enough that the next one is here when a write returns; more would
     * only pile up results that a dying instance hands back for redelivery. Spring's default of 250 is sized for
     * cheaper handlers.
     */
    static final int RESULTS_PREFETCH = 20;

    @Bean
    ResultRoute resultRoute() {
        return ResultRoute.random();
    }

    @Bean
    TopicExchange authorizationsExchange() {
        return new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false);
    }

    /** Declared before any command goes out, so that every answer finds its way. */
    @Bean
    Declarables authorizationResultsExchange() {
        return AuthorizationResultsExchange.declarables();
    }

    /**
     * Exclusive to this process and deleted with its connection. What it cannot record for good is dead-lettered
     * beside the shared queue's rejects, for one place to look. Results still queued here when the process dies are
     * lost with the queue: their payments stay pending until the sweeper sends their commands again, and those answers
     * reach the shared queue.
     */
    @Bean
    AnonymousQueue instanceResultsQueue(@Value("${paygate.payments.results-queue}") String sharedQueue) {
        AnonymousQueue queue = new AnonymousQueue(new Base64UrlNamingStrategy("payment-service.instance-results."),
                Map.of("x-dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE,
                        "x-dead-letter-routing-key", sharedQueue));
        // Spring AMQP 4 asks for a leader locator that this RabbitMQ refuses for classic queues.
        queue.setLeaderLocator(null);
        return queue;
    }

    @Bean
    ResultQueues resultQueues(@Value("${paygate.payments.results-queue}") String sharedQueue,
                              AnonymousQueue instanceResultsQueue) {
        return new ResultQueues(sharedQueue, instanceResultsQueue.getName());
    }

    @Bean
    Declarables sharedResultsQueue(ResultQueues resultQueues) {
        return ConsumerQueue.durableWithDeadLetters(resultQueues.shared(), AuthorizationResultsExchange.unrouted());
    }

    /**
     * The queue webhook-service consumes payment events from, declared by their producer too: events wait in it while
     * no webhook-service runs, rather than coming back unroutable.
     */
    @Bean
    Declarables paymentEventsQueue(PaymentProperties properties) {
        return ConsumerQueue.durableWithDeadLetters(properties.eventsQueue(), Topology.PAYMENT_EVENTS_EXCHANGE,
                Topology.PAYMENT_EVENTS_ROUTING_KEY);
    }

    /**
     * The acquirers' answers to captures, voids and refunds, which nobody waits for: one durable queue that every
     * instance consumes from, so an answer waits there while no instance runs.
     */
    @Bean
    Declarables actionResultsQueue(PaymentProperties properties) {
        return ConsumerQueue.durableWithDeadLetters(properties.actionResultsQueue(),
                AuthorizationResultsExchange.exchange(), Topology.ACTION_RESULTS_ROUTING_KEY);
    }

    @Bean
    Binding instanceResultsBinding(AnonymousQueue instanceResultsQueue, ResultRoute resultRoute) {
        return BindingBuilder.bind(instanceResultsQueue)
                .to(new TopicExchange(Topology.AUTHORIZATION_RESULTS_EXCHANGE))
                .with(resultRoute.routingKey());
    }

    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> resultListeners() {
        return container -> {
            container.setPhase(LISTENER_PHASE);
            container.setConcurrentConsumers(RESULTS_CONSUMERS);
            container.setPrefetchCount(RESULTS_PREFETCH);
        };
    }
}
