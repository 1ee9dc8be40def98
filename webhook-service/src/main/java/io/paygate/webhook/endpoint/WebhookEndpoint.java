package io.paygate.webhook.endpoint;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoint: where its events go, which of them, and the secret that signs them, sealed.
 *
 * @param headers    sent with every event, in the order given
 * @param eventTypes wire names of {@link io.paygate.events.PaymentEventType}s, each once
 */
@Document(WebhookEndpoint.COLLECTION)
public record WebhookEndpoint(
        @Id String id,
        @Field(MERCHANT_ID) String merchantId,
        @Field(URL) String url,
        @Field(ACTIVE) boolean active,
        @Field(HEADERS) List<EndpointHeader> headers,
        @Field(CONTENT_TYPE) String contentType,
        @Field(EVENT_TYPES) List<String> eventTypes,
        @Field(SIGNING_SECRET) SealedSecret signingSecret,
        @Field(CREATED_ON) Instant createdOn) {

    public static final String COLLECTION = "webhook_endpoints";
    static final String MERCHANT_ID = "merchant_id";
    static final String URL = "url";
    static final String ACTIVE = "active";
    static final String HEADERS = "headers";
    static final String CONTENT_TYPE = "content_type";
    static final String EVENT_TYPES = "event_types";
    static final String SIGNING_SECRET = "signing_secret";
    static final String CREATED_ON = "created_on";

    /** The only content type: Checkout.com's webhooks API knows no other. */
    public static final String JSON = "json";

    public WebhookEndpoint {
        headers = headers == null ? List.of() : List.copyOf(headers);
        eventTypes = List.copyOf(eventTypes);
    }
}
