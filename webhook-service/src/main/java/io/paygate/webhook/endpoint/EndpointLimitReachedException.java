package io.paygate.webhook.endpoint;

/** The merchant has as many endpoints as it may; answered 422. */
public class EndpointLimitReachedException extends RuntimeException {

    public EndpointLimitReachedException() {
        // An answer to the client, not a failure of ours: no stack trace to fill.
        super("The merchant has as many webhook endpoints as it may", null, false, false);
    }
}
