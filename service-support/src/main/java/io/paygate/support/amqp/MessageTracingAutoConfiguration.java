package io.paygate.support.amqp;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every message carries the trace of the work that sent it, and its listener works in that trace: one trace per
 * payment across the services and the broker. Spring AMQP's observations would do the same (and are left off), with a
 * timer and an observation per message besides.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"})
@ConditionalOnClass({RabbitTemplate.class, Tracer.class})
@ConditionalOnBean({Tracer.class, Propagator.class})
public class MessageTracingAutoConfiguration {

    @Bean
    RabbitTemplateCustomizer paygateOutgoingTraceContext(Tracer tracer, Propagator propagator) {
        return template -> template.addBeforePublishPostProcessors(new OutgoingTraceContext(tracer, propagator));
    }

    @Bean
    static TracedListenerContainers paygateIncomingTraceContext(ObjectProvider<Tracer> tracer,
                                                                ObjectProvider<Propagator> propagator) {
        return new TracedListenerContainers(() -> new IncomingTraceContext(tracer.getObject(), propagator.getObject()));
    }
}
