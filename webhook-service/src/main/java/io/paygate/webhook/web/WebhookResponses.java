package io.paygate.webhook.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.webhook.endpoint.EndpointHeader;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The webhooks API's answers, in Checkout.com's shapes. */
final class WebhookResponses {

    static final String ID = "The endpoint's id.";
    static final String ID_EXAMPLE = "wh_y3oqhf46pyzuxjbcn2giaqnb44";
    static final String SIGNING_SECRET = "The secret that signs every event sent to the endpoint (HMAC-SHA256 in the "
            + "Cko-Signature header). Shown only here: PayGate keeps it encrypted and never shows it again; "
            + "POST /webhooks/{id}/signing-secret replaces it.";
    static final String SIGNING_SECRET_EXAMPLE = "whsec_3q2-7wNpYyHIbaKpQmZ2Jx8Kt1vVbE9wzRkP0sLq4Uo";
    static final String LINKS = "Where to find the endpoint.";

    private WebhookResponses() {
    }

    @Schema(name = "Webhook", description = "A webhook endpoint, without its signing secret.")
    @JsonPropertyOrder({"id", "url", "active", "headers", "content_type", "event_types", "_links"})
    record Webhook(
            @Schema(description = ID, example = ID_EXAMPLE) String id,
            @Schema(description = WebhookRequest.URL, example = "https://shop.example.com/paygate/events") String url,
            @Schema(description = WebhookRequest.ACTIVE, example = "true") boolean active,
            @Schema(description = WebhookRequest.HEADERS, example = "{\"Authorization\": \"Bearer 4f6c0b8a\"}")
            Map<String, String> headers,
            @JsonProperty("content_type")
            @Schema(description = WebhookRequest.CONTENT_TYPE, example = "json") String contentType,
            @JsonProperty("event_types")
            @Schema(description = WebhookRequest.EVENT_TYPES, example = "[\"payment_approved\", \"payment_captured\"]")
            @ArraySchema(schema = @Schema(description = "An event type.", example = "payment_approved"))
            List<String> eventTypes,
            @JsonProperty("_links") @Schema(description = LINKS) Links links) {

        static Webhook of(WebhookEndpoint endpoint) {
            return new Webhook(endpoint.id(), endpoint.url(), endpoint.active(), byName(endpoint.headers()),
                    endpoint.contentType(), endpoint.eventTypes(), Links.of(endpoint));
        }
    }

    @Schema(name = "CreatedWebhook", description = "A new webhook endpoint, with its signing secret, shown this once.")
    @JsonPropertyOrder({"id", "url", "active", "headers", "content_type", "event_types", "signing_secret", "_links"})
    record CreatedWebhook(
            @Schema(description = ID, example = ID_EXAMPLE) String id,
            @Schema(description = WebhookRequest.URL, example = "https://shop.example.com/paygate/events") String url,
            @Schema(description = WebhookRequest.ACTIVE, example = "true") boolean active,
            @Schema(description = WebhookRequest.HEADERS, example = "{\"Authorization\": \"Bearer 4f6c0b8a\"}")
            Map<String, String> headers,
            @JsonProperty("content_type")
            @Schema(description = WebhookRequest.CONTENT_TYPE, example = "json") String contentType,
            @JsonProperty("event_types")
            @Schema(description = WebhookRequest.EVENT_TYPES, example = "[\"payment_approved\", \"payment_captured\"]")
            @ArraySchema(schema = @Schema(description = "An event type.", example = "payment_approved"))
            List<String> eventTypes,
            @JsonProperty("signing_secret")
            @Schema(description = SIGNING_SECRET, example = SIGNING_SECRET_EXAMPLE) String signingSecret,
            @JsonProperty("_links") @Schema(description = LINKS) Links links) {

        static CreatedWebhook of(WebhookEndpoint endpoint, String signingSecret) {
            return new CreatedWebhook(endpoint.id(), endpoint.url(), endpoint.active(), byName(endpoint.headers()),
                    endpoint.contentType(), endpoint.eventTypes(), signingSecret, Links.of(endpoint));
        }
    }

    @Schema(name = "WebhookSigningSecret", description = "An endpoint's new signing secret, shown this once; the old "
            + "one signs nothing any more.")
    record SigningSecret(
            @JsonProperty("signing_secret")
            @Schema(description = SIGNING_SECRET, example = SIGNING_SECRET_EXAMPLE) String signingSecret) {
    }

    @Schema(name = "WebhookLinks", description = "Links from a webhook endpoint.")
    record Links(@Schema(description = "The endpoint itself.") Link self) {

        static Links of(WebhookEndpoint endpoint) {
            // Relative, so that it stays right behind the gateway.
            return new Links(new Link(WebhookController.PATH + "/" + endpoint.id()));
        }
    }

    @Schema(name = "WebhookLink", description = "A link.")
    record Link(@Schema(description = "The path.", example = "/webhooks/wh_y3oqhf46pyzuxjbcn2giaqnb44") String href) {
    }

    private static Map<String, String> byName(List<EndpointHeader> headers) {
        Map<String, String> byName = new LinkedHashMap<>();
        headers.forEach(header -> byName.put(header.name(), header.value()));
        return byName;
    }
}
