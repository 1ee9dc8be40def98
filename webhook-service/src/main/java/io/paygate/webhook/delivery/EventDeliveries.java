package io.paygate.webhook.delivery;

import io.paygate.events.PaymentEvent;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import io.paygate.webhook.endpoint.WebhookEndpointStore;
import io.paygate.webhook.endpoint.WebhookIds;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns payment events into deliveries: one per event and endpoint of its merchant subscribed to its type, paused
 * endpoints included (their deliveries are held until they are active again). A batch costs one look-up of its
 * merchants' endpoints and, when any is subscribed, one write; an event seen before adds nothing.
 */
@Component
public class EventDeliveries {

    private final WebhookEndpointStore endpoints;
    private final DeliveryStore store;
    private final EventBodies bodies;
    private final Clock clock;

    public EventDeliveries(WebhookEndpointStore endpoints, DeliveryStore store, EventBodies bodies, Clock clock) {
        this.endpoints = endpoints;
        this.store = store;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** Stores the deliveries of these events; the ones stored now, each due at once. */
    public List<Delivery> record(List<PaymentEvent> events) {
        Set<String> merchants = events.stream().map(PaymentEvent::merchantId).collect(Collectors.toSet());
        Map<String, List<WebhookEndpoint>> byMerchant = endpoints.ofMerchants(merchants).stream()
                .collect(Collectors.groupingBy(WebhookEndpoint::merchantId));
        if (byMerchant.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> bodyOfEvent = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (PaymentEvent event : events) {
            for (WebhookEndpoint endpoint : byMerchant.getOrDefault(event.merchantId(), List.of())) {
                if (endpoint.eventTypes().contains(event.type().wireName())) {
                    // Built once per event: every endpoint, attempt and redelivery sends these bytes.
                    String body = bodyOfEvent.computeIfAbsent(event.id(), id -> bodies.of(event));
                    deliveries.add(Delivery.due(WebhookIds.nextDelivery(), endpoint, event, body, now));
                }
            }
        }
        return store.insertNew(deliveries);
    }
}
