package io.paygate.support.amqp;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;

/**
 * Writes the trace of the work in hand into every message a {@link org.springframework.amqp.rabbit.core.RabbitTemplate}
 * sends (W3C {@code traceparent}), so that its consumer continues the trace ({@link IncomingTraceContext}). A message
 * sent outside any trace carries none.
 */
final class OutgoingTraceContext implements MessagePostProcessor {

    private final Tracer tracer;
    private final Propagator propagator;

    OutgoingTraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Message postProcessMessage(Message message) {
        Span span = tracer.currentSpan();
        if (span != null) {
            propagator.inject(span.context(), message.getMessageProperties(), MessageProperties::setHeader);
        }
        return message;
    }
}
