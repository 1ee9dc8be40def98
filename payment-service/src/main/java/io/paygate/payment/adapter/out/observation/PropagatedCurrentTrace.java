package io.paygate.payment.adapter.out.observation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.paygate.events.MessageHeaders;
import io.paygate.payment.application.CurrentTrace;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** The current span's context, written as the W3C propagator writes it into a message's or a request's headers. */
@Component
class PropagatedCurrentTrace implements CurrentTrace {

    private final Tracer tracer;
    private final Propagator propagator;

    PropagatedCurrentTrace(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public String traceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(span.context(), headers, Map::put);
        return headers.get(MessageHeaders.TRACE_PARENT);
    }
}
