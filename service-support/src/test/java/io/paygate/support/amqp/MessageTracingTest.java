package io.paygate.support.amqp;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.paygate.events.MessageHeaders;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message carries the trace of the work that sent it, through a real broker, and its listener works in that trace:
 * under a span of its own whose parent is the sender's, with the trace id in its log lines.
 */
@SpringBootTest(classes = MessageTracingTest.TracedService.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "management.tracing.sampling.probability=1.0")
class MessageTracingTest {

    private static final String QUEUE = "paygate.test.traced-" + UUID.randomUUID();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", TestInfrastructure::rabbitUri);
        registry.add("paygate.messages.signing.keys", () -> TestInfrastructure.MESSAGE_SIGNING_KEYS);
        registry.add("test.queue", () -> QUEUE);
    }

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private Tracer tracer;
    @Autowired
    private Listener listener;

    @Test
    void the_listener_continues_the_trace_of_the_work_that_sent_the_message() throws InterruptedException {
        Span sending = tracer.nextSpan().name("sending").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(sending)) {
            send("traced");
        } finally {
            sending.end();
        }

        Received received = listener.next();
        assertThat(received.traceParent()).as("the message's header").contains(sending.context().traceId());
        assertThat(received.span()).isNotNull();
        assertThat(received.span().traceId()).isEqualTo(sending.context().traceId());
        assertThat(received.span().parentId()).as("a span of its own, the sender's child")
                .isEqualTo(sending.context().spanId());
        assertThat(received.loggedTraceId()).isEqualTo(sending.context().traceId());
        assertThat(tracer.currentSpan()).as("nothing left current").isNull();
    }

    @Test
    void a_message_sent_outside_any_trace_carries_none() throws InterruptedException {
        send("untraced");

        Received received = listener.next();
        assertThat(received.traceParent()).isNull();
        assertThat(received.span()).isNull();
    }

    private void send(String body) {
        rabbit.convertAndSend("", QUEUE, body, OutgoingMessage.stamped("TracingTest", 1, UUID.randomUUID().toString()));
    }

    record Received(String traceParent, TraceContext span, String loggedTraceId) {
    }

    static class Listener {

        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        private final Tracer tracer;

        Listener(Tracer tracer) {
            this.tracer = tracer;
        }

        @RabbitListener(queuesToDeclare = @Queue(name = "${test.queue}",
                durable = "false", autoDelete = "true"))
        void on(Message message) {
            Span span = tracer.currentSpan();
            received.add(new Received(message.getMessageProperties().getHeader(MessageHeaders.TRACE_PARENT),
                    span == null ? null : span.context(), MDC.get("traceId")));
        }

        Received next() throws InterruptedException {
            Received next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a message within 10 s").isNotNull();
            return next;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class TracedService {
    }
}
