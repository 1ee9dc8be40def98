package io.paygate.events;

/** AMQP header names that every PayGate message carries besides its JSON body. */
public final class MessageHeaders {

    /** Contract name of the body, e.g. {@code AuthorizePayment}. */
    public static final String TYPE = "paygate-type";

    /** Contract version of the body; consumers reject versions they do not know. */
    public static final String VERSION = "paygate-version";

    /** {@code keyId:base64url(HMAC-SHA256)} over the message: see {@link MessageSignature}. */
    public static final String SIGNATURE = "paygate-signature";

    /**
     * The W3C trace context of the message, as the tracer's propagator writes it; {@link PaymentEvent#traceParent()}
     * carries the same value in an event's body.
     */
    public static final String TRACE_PARENT = "traceparent";

    private MessageHeaders() {
    }
}
