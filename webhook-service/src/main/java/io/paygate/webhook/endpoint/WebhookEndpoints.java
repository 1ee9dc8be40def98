package io.paygate.webhook.endpoint;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Creates endpoints and rotates their secrets: the two changes that make a secret, shown once to the merchant. */
@Component
public class WebhookEndpoints {

    private final WebhookEndpointStore store;
    private final SigningSecrets secrets;
    private final int maxEndpointsPerMerchant;

    public WebhookEndpoints(WebhookEndpointStore store, SigningSecrets secrets, WebhookProperties properties) {
        this.store = store;
        this.secrets = secrets;
        this.maxEndpointsPerMerchant = properties.maxEndpointsPerMerchant();
    }

    /** An endpoint and its secret in clear, which nothing shows again. */
    public record CreatedEndpoint(WebhookEndpoint endpoint, String signingSecret) {
    }

    /**
     * Creates the endpoint unless the merchant has as many as it may. Counted, then inserted: two creations at the
     * same moment may pass the limit by one each, which costs nothing but a document.
     */
    public CreatedEndpoint create(String merchantId, EndpointSettings settings) {
        if (!settings.isComplete()) {
            throw new IllegalArgumentException("A new endpoint needs every setting");
        }
        if (store.count(merchantId) >= maxEndpointsPerMerchant) {
            throw new EndpointLimitReachedException();
        }
        String id = WebhookIds.next();
        String secret = secrets.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, merchantId, settings.url(), settings.active(),
                settings.headers(), settings.contentType(), settings.eventTypes(), secrets.seal(secret, id),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.insert(endpoint);
        return new CreatedEndpoint(endpoint, secret);
    }

    /** A new secret for the endpoint, which replaces the old one at once; empty when the merchant has no such one. */
    public Optional<String> rotateSecret(String merchantId, String id) {
        String secret = secrets.newSecret();
        return store.replaceSecret(merchantId, id, secrets.seal(secret, id)) ? Optional.of(secret) : Optional.empty();
    }
}
