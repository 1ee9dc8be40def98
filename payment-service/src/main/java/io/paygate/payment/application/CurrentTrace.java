package io.paygate.payment.application;

/**
 * The trace of the work in hand, for work that goes on elsewhere: events are published by the relay's thread and
 * delivered by webhook-service, and their spans still belong to the payment's trace.
 */
public interface CurrentTrace {

    /** The W3C {@code traceparent} of the work in hand; {@code null} when it is not traced. */
    String traceParent();
}
