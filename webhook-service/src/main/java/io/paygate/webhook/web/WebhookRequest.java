package io.paygate.webhook.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import io.paygate.webhook.endpoint.EndpointHeader;
import io.paygate.webhook.endpoint.EndpointSettings;
import io.paygate.events.PaymentEventType;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /webhooks}, {@code PUT} and {@code PATCH /webhooks/{id}}, as Checkout.com's SDKs send it.
 * Every field is read as a JSON node so that a value of the wrong type is reported under its field's error code (422)
 * rather than refusing the body (400). Java null is a field left out; JSON null a field sent as null, which PATCH
 * takes as "back to the default" (JSON merge patch).
 */
@Schema(name = "WebhookRequest", description = "A webhook endpoint: where PayGate sends which of the merchant's "
        + "payment events.")
@JsonPropertyOrder({"url", "active", "headers", "content_type", "event_types"})
record WebhookRequest(
        @Schema(description = WebhookRequest.URL, implementation = String.class,
                example = "https://shop.example.com/paygate/events", maxLength = 2048,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode url,
        @Schema(description = WebhookRequest.ACTIVE, implementation = Boolean.class, example = "true",
                defaultValue = "true")
        JsonNode active,
        @Schema(description = WebhookRequest.HEADERS, implementation = Map.class,
                additionalPropertiesSchema = String.class,
                example = "{\"Authorization\": \"Bearer 4f6c0b8a\"}")
        JsonNode headers,
        @JsonProperty("content_type")
        @Schema(description = WebhookRequest.CONTENT_TYPE, implementation = String.class, example = "json",
                allowableValues = "json", defaultValue = "json")
        JsonNode contentType,
        @JsonProperty("event_types")
        @Schema(description = WebhookRequest.EVENT_TYPES, example = "[\"payment_approved\", \"payment_captured\"]",
                implementation = String[].class, requiredMode = Schema.RequiredMode.REQUIRED)
        @ArraySchema(minItems = 1, uniqueItems = true, schema = @Schema(implementation = String.class,
                description = "An event type.", example = "payment_approved",
                allowableValues = {"payment_approved", "payment_declined", "payment_pending", "payment_expired",
                        "payment_captured", "payment_capture_declined", "payment_voided", "payment_void_declined",
                        "payment_refunded", "payment_refund_declined"}))
        JsonNode eventTypes) {

    // The descriptions of the endpoint's fields wherever the API shows them.
    static final String URL = "Where PayGate POSTs the events: an absolute https URL, at most 2048 characters, "
            + "without user info, whose host resolves to public addresses only (no loopback, private, link-local, "
            + "CGNAT or cloud metadata address). Only the local profile (paygate.webhooks.allow-local-endpoints) "
            + "takes http and local addresses, so that a developer can receive events on their own machine.";
    static final String ACTIVE = "Whether PayGate sends events to the endpoint; true unless given. A paused endpoint's "
            + "events are recorded and held, and sent once it is active again.";
    static final String HEADERS = "Headers PayGate sends with every event, e.g. an Authorization header that the "
            + "merchant's server checks: at most 20, names that are HTTP tokens of at most 100 characters, each name "
            + "once in any case, values strings of at most 1024 characters without CR or LF. PayGate sets Cko-* "
            + "(Cko-Signature), Content-Type, Content-Length, Host and the connection headers itself; those names "
            + "are refused.";
    static final String CONTENT_TYPE = "How events are encoded: json, the only one.";
    static final String EVENT_TYPES = "The events the endpoint receives, at least one; a repeated type counts once.";

    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_NAME_LENGTH = 100;
    static final int MAX_HEADER_VALUE_LENGTH = 1024;
    // RFC 9110's token.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern HEADER_VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");
    // What the delivery sets itself, or what would change how the request is framed or routed.
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "expect",
            "proxy-authorization", "proxy-connection");
    private static final String RESERVED_PREFIX = "cko-";

    /** Every setting of a new or replaced endpoint, fields left out at their defaults; fails with every error code. */
    EndpointSettings settings(EndpointAddressPolicy policy) {
        return validate(policy, false);
    }

    /** The settings of the fields sent alone, for PATCH; fails with every error code. */
    EndpointSettings changes(EndpointAddressPolicy policy) {
        return validate(policy, true);
    }

    private EndpointSettings validate(EndpointAddressPolicy policy, boolean sentOnly) {
        List<String> codes = new ArrayList<>();
        String validUrl = sentOnly && url == null ? null : url(policy, codes);
        Boolean validActive = sentOnly && active == null ? null : active(codes);
        List<EndpointHeader> validHeaders = sentOnly && headers == null ? null : headers(codes);
        String validContentType = sentOnly && contentType == null ? null : contentType(codes);
        List<String> validEventTypes = sentOnly && eventTypes == null ? null : eventTypes(codes);
        if (!codes.isEmpty()) {
            throw new RequestInvalidException(codes);
        }
        return new EndpointSettings(validUrl, validActive, validHeaders, validContentType, validEventTypes);
    }

    private String url(EndpointAddressPolicy policy, List<String> codes) {
        if (isAbsent(url) || url.isString() && url.asString().isBlank()) {
            codes.add("url_required");
            return null;
        }
        if (!url.isString() || !policy.permits(url.asString().strip())) {
            codes.add("url_invalid");
            return null;
        }
        return url.asString().strip();
    }

    private Boolean active(List<String> codes) {
        if (isAbsent(active)) {
            return true;
        }
        if (!active.isBoolean()) {
            codes.add("active_invalid");
            return null;
        }
        return active.booleanValue();
    }

    private List<EndpointHeader> headers(List<String> codes) {
        if (isAbsent(headers)) {
            return List.of();
        }
        if (!headers.isObject() || headers.size() > MAX_HEADERS) {
            codes.add("headers_invalid");
            return null;
        }
        List<EndpointHeader> valid = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey();
            JsonNode value = header.getValue();
            String lowerCase = name.toLowerCase(Locale.ROOT);
            boolean nameValid = name.length() <= MAX_HEADER_NAME_LENGTH && HEADER_NAME.matcher(name).matches()
                    && !RESERVED_HEADERS.contains(lowerCase) && !lowerCase.startsWith(RESERVED_PREFIX)
                    && names.add(lowerCase);
            boolean valueValid = value.isString() && value.asString().length() <= MAX_HEADER_VALUE_LENGTH
                    && HEADER_VALUE.matcher(value.asString()).matches();
            if (!nameValid || !valueValid) {
                codes.add("headers_invalid");
                return null;
            }
            valid.add(new EndpointHeader(name, value.asString()));
        }
        return valid;
    }

    private String contentType(List<String> codes) {
        if (isAbsent(contentType)) {
            return WebhookEndpoint.JSON;
        }
        if (!contentType.isString() || !contentType.asString().equals(WebhookEndpoint.JSON)) {
            codes.add("content_type_invalid");
            return null;
        }
        return WebhookEndpoint.JSON;
    }

    private List<String> eventTypes(List<String> codes) {
        if (isAbsent(eventTypes) || !eventTypes.isArray() || eventTypes.isEmpty()) {
            codes.add("event_types_invalid");
            return null;
        }
        Set<String> valid = new LinkedHashSet<>();
        for (JsonNode type : eventTypes.values()) {
            if (!type.isString() || !PaymentEventType.isKnown(type.asString())) {
                codes.add("event_types_invalid");
                return null;
            }
            valid.add(type.asString());
        }
        return List.copyOf(valid);
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
