package io.paygate.payment.adapter.amqp;

import io.paygate.events.Topology;
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

/** The exchanges and queues payment-service publishes to and consumes from, declared when it connects. */
@Configuration(proxyBeanMethods = false)
public class MessagingTopology {

    /**
     * Listeners start before the web server takes requests and stop only after it has drained them, so that a request
     * still waiting during a graceful shutdown can be woken by its result.
     */
    private static final int LISTENER_PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;

    /**
     * Results each result listener holds unacknowledged. Recording one costs a conditional write (a fraction of a
     * millisecond to a few on the wire server), so a few dozen in hand keep the consumer busy while the broker sends
     * the next ones; more would only pile up results in one instance that other instances could be recording, and
     * that a dying instance hands back for redelivery. Spring's default of 250 is sized for cheaper handlers.
     */
    static final int RESULTS_PREFETCH = 50;

    @Bean
    ResultRoute resultRoute() {
        return ResultRoute.random();
    }

    @Bean
    TopicExchange authorizationsExchange() {
        return new TopicExchange(Topology.AUTHORIZATIONS_EXCHANGE, true, false);
    }

    @Bean
    TopicExchange authorizationResultsExchange() {
        return new TopicExchange(Topology.AUTHORIZATION_RESULTS_EXCHANGE, true, false);
    }

    @Bean
    AnonymousQueue instanceResultsQueue() {
        AnonymousQueue queue = new AnonymousQueue(new Base64UrlNamingStrategy("payment-service.instance-results."));
        // Spring AMQP 4 asks for a leader locator that this RabbitMQ refuses for classic queues.
        queue.setLeaderLocator(null);
        return queue;
    }

    @Bean
    ResultQueues resultQueues(@Value("${paygate.payments.results-queue:" + Topology.PAYMENT_RESULTS_QUEUE + "}")
                              String sharedQueue, AnonymousQueue instanceResultsQueue) {
        return new ResultQueues(sharedQueue, instanceResultsQueue.getName());
    }

    @Bean
    Declarables sharedResultsQueue(ResultQueues resultQueues) {
        return ConsumerQueue.durableWithDeadLetters(resultQueues.shared(), Topology.AUTHORIZATION_RESULTS_EXCHANGE,
                Topology.allResultsBinding());
    }

    @Bean
    Binding instanceResultsBinding(AnonymousQueue instanceResultsQueue, TopicExchange authorizationResultsExchange,
                                   ResultRoute resultRoute) {
        return BindingBuilder.bind(instanceResultsQueue).to(authorizationResultsExchange).with(resultRoute.routingKey());
    }

    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> resultListeners() {
        return container -> {
            container.setPhase(LISTENER_PHASE);
            container.setPrefetchCount(RESULTS_PREFETCH);
        };
    }
}
