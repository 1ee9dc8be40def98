package io.paygate.testing;

import io.paygate.events.merchant.GatewaySignature;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs test requests as the gateway signs what it forwards, so that tests can call a service behind the gateway
 * directly. The key is the tests' own and protects nothing.
 */
public final class GatewaySigning {

    public static final String KEYS = "test:" + Base64.getEncoder()
            .encodeToString("test-gateway-signing-key-32bytes".getBytes(StandardCharsets.US_ASCII));
    private static final GatewaySignature SIGNATURE = GatewaySignature.fromConfiguration(KEYS, "test");

    private GatewaySigning() {
    }

    /** Makes the service under test require the gateway's signature, with the tests' key. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway-identity.keys", () -> KEYS);
    }

    /** Signs every request of a client as the gateway would, just before it is sent. */
    public static ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            URI uri = request.getURI();
            String pathAndQuery = GatewaySignature.pathAndQuery(uri.getRawPath(), uri.getRawQuery());
            SIGNATURE.sign(request.getMethod().name(), pathAndQuery, request.getHeaders()::getFirst,
                    GatewaySignature.digest(body), Instant.now()).forEach(request.getHeaders()::set);
            return execution.execute(request, body);
        };
    }
}
