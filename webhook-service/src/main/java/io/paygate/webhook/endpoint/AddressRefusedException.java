package io.paygate.webhook.endpoint;

import java.net.UnknownHostException;

/**
 * A host that resolves to an address events may not go to. An {@link UnknownHostException}, so that an HTTP client
 * whose resolver refuses the host fails before it opens any connection, as for a host that does not resolve.
 */
public class AddressRefusedException extends UnknownHostException {

    public AddressRefusedException(String host) {
        super("Events may not go to " + host + ": it resolves to a loopback, private or otherwise non-public address");
    }
}
