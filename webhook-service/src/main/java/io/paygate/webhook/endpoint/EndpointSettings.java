package io.paygate.webhook.endpoint;

import java.util.List;

/**
 * What a merchant sets on an endpoint, already validated. A null field is left as it is (PATCH); creating or
 * replacing an endpoint sets every field.
 */
public record EndpointSettings(String url, Boolean active, List<EndpointHeader> headers, String contentType,
                               List<String> eventTypes) {

    public boolean isComplete() {
        return url != null && active != null && headers != null && contentType != null && eventTypes != null;
    }

    public boolean isEmpty() {
        return url == null && active == null && headers == null && contentType == null && eventTypes == null;
    }
}
