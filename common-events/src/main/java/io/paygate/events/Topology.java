package io.paygate.events;

import java.time.Duration;

/**
 * Names of the RabbitMQ exchanges, queues and routing keys that connect the services.
 * Each service declares the queues it consumes from; exchanges are declared by producers and consumers alike.
 */
public final class Topology {

    /** Topic exchange carrying {@link AuthorizePayment} commands, routed by acquirer code. */
    public static final String AUTHORIZATIONS_EXCHANGE = "paygate.authorizations";

    /**
     * Topic exchange carrying {@link AuthorizationResult} events, routed by the instance that asked, so that each
     * result is delivered once, to the instance holding the request. What no instance's queue takes (its instance is
     * gone) goes to {@link #UNROUTED_RESULTS_EXCHANGE}, its alternate exchange.
     */
    public static final String AUTHORIZATION_RESULTS_EXCHANGE = "paygate.authorization-replies";

    /** Fanout exchange taking the results whose asking instance no longer listens, for {@link #PAYMENT_RESULTS_QUEUE}. */
    public static final String UNROUTED_RESULTS_EXCHANGE = "paygate.authorization-replies.unrouted";

    /** Direct exchange receiving messages that a consumer rejected for good, routed by the queue they came from. */
    public static final String DEAD_LETTER_EXCHANGE = "paygate.dead-letters";

    /**
     * How long a dead-letter queue keeps a message before the broker drops it. A dead-lettered command still holds
     * its sealed card, CVV included, which must not outlive the authorisation for long (PCI DSS 3.3); the payment
     * itself is declined at its final deadline meanwhile. One value for every service, since RabbitMQ refuses to
     * declare a queue again with other arguments.
     */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofHours(24);

    /** Durable queue from which any payment-service instance records the results whose asking instance is gone. */
    public static final String PAYMENT_RESULTS_QUEUE = "payment-service.orphaned-results";

    /**
     * Routing key of every {@link PaymentActionResult} on {@link #AUTHORIZATION_RESULTS_EXCHANGE}: nobody waits for
     * one, so any payment-service instance records it, from {@link #PAYMENT_ACTION_RESULTS_QUEUE}.
     */
    public static final String ACTION_RESULTS_ROUTING_KEY = "action-results";

    /** Durable queue, shared by payment-service's instances, of the acquirers' answers to payment actions. */
    public static final String PAYMENT_ACTION_RESULTS_QUEUE = "payment-service.action-results";

    /**
     * Topic exchange carrying {@link PaymentEvents} from payment-service, under {@link #PAYMENT_EVENTS_ROUTING_KEY}, to
     * {@link #WEBHOOK_EVENTS_QUEUE}.
     */
    public static final String PAYMENT_EVENTS_EXCHANGE = "paygate.payment-events";

    public static final String PAYMENT_EVENTS_ROUTING_KEY = "payment-events";

    /**
     * Durable queue, shared by webhook-service's instances, of the payment events to deliver. Its producer declares it
     * too, so that events wait in it while no webhook-service runs.
     */
    public static final String WEBHOOK_EVENTS_QUEUE = "webhook-service.payment-events";

    private static final String RESULT_PREFIX = "result.";

    private Topology() {
    }

    /** Routing key of the authorisation commands for one acquirer, e.g. {@code authorize.piggybank}. */
    public static String authorizeRoutingKey(String acquirer) {
        return "authorize." + acquirer;
    }

    /** Durable queue an acquirer adapter consumes its commands from, e.g. {@code acquirer.piggybank.authorize}. */
    public static String acquirerQueue(String acquirer) {
        return "acquirer." + acquirer + ".authorize";
    }

    /**
     * Routing key of the {@link ReversePayment} commands for one acquirer, e.g. {@code reverse.piggybank}, on
     * {@link #AUTHORIZATIONS_EXCHANGE} beside its authorisation commands.
     */
    public static String reverseRoutingKey(String acquirer) {
        return "reverse." + acquirer;
    }

    /** Durable queue an acquirer adapter consumes its reversal commands from, e.g. {@code acquirer.piggybank.reverse}. */
    public static String acquirerReversalQueue(String acquirer) {
        return "acquirer." + acquirer + ".reverse";
    }

    /**
     * Routing key of the {@link PaymentActionCommand}s for one acquirer, e.g. {@code action.piggybank}, on
     * {@link #AUTHORIZATIONS_EXCHANGE} beside its authorisation commands.
     */
    public static String actionRoutingKey(String acquirer) {
        return "action." + acquirer;
    }

    /** Durable queue an acquirer adapter consumes its action commands from, e.g. {@code acquirer.piggybank.actions}. */
    public static String acquirerActionQueue(String acquirer) {
        return "acquirer." + acquirer + ".actions";
    }

    /** Routing key under which results for one payment-service instance are published. */
    public static String resultRoutingKey(String instanceId) {
        return RESULT_PREFIX + instanceId;
    }

    /** Dead-letter queue paired with a consumer queue. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
