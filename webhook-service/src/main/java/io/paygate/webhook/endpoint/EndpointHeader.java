package io.paygate.webhook.endpoint;

/**
 * A header the merchant asked to receive with every event. Stored as a name-value pair rather than as a field of a
 * map: a header name may hold "." or "$", which MongoDB does not take in a field name.
 */
public record EndpointHeader(String name, String value) {
}
