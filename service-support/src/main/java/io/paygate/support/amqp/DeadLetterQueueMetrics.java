package io.paygate.support.amqp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.paygate.events.Topology;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;

import java.util.List;
import java.util.stream.Stream;

/**
 * {@code paygate.dead.letter.messages}: how many messages wait in each dead-letter queue this service declares
 * ({@link ConsumerQueue}), asked of the broker when Prometheus scrapes. Anything above zero is for an operator.
 */
public class DeadLetterQueueMetrics implements MeterBinder {

    private final AmqpAdmin admin;
    private final List<String> queues;

    public DeadLetterQueueMetrics(AmqpAdmin admin, List<Queue> queues, List<Declarables> declarables) {
        this.admin = admin;
        this.queues = Stream.concat(queues.stream(),
                        declarables.stream().flatMap(declared -> declared.getDeclarablesByType(Queue.class).stream()))
                .map(Queue::getName)
                .filter(name -> name.endsWith(Topology.deadLetterQueue("")))
                .distinct()
                .toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String queue : queues) {
            Gauge.builder("paygate.dead.letter.messages", () -> depth(queue))
                    .description("Messages waiting in a dead-letter queue")
                    .tag("queue", queue)
                    .register(registry);
        }
    }

    /** Not a number while the broker cannot say: a gap in the graph, not a false zero. */
    private double depth(String queue) {
        try {
            QueueInformation information = admin.getQueueInfo(queue);
            return information == null ? Double.NaN : information.getMessageCount();
        } catch (AmqpException e) {
            return Double.NaN;
        }
    }
}
