package io.paygate.webhook.delivery;

import io.paygate.webhook.endpoint.WebhookEndpoint;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the merchant does with deliveries, and what becomes of them when it changes or removes their endpoint. */
@Component
public class Deliveries {

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Clock clock;

    public Deliveries(DeliveryStore store, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    /** The endpoint's deliveries, newest first. */
    public List<Delivery> page(String merchantId, String endpointId, int skip, int limit) {
        return store.page(merchantId, endpointId, skip, limit);
    }

    public Optional<Delivery> find(String merchantId, String endpointId, String id) {
        return store.find(merchantId, endpointId, id);
    }

    /** One more attempt now, whatever the delivery's status; false when the endpoint has no such delivery. */
    public boolean redeliver(String merchantId, String endpointId, String id) {
        if (!store.redeliver(merchantId, endpointId, id, clock.instant())) {
            return false;
        }
        worker.submit(id, endpointId);
        return true;
    }

    /** An active endpoint gets what was held while it was paused; asked again, it finds nothing more to release. */
    public void endpointChanged(WebhookEndpoint endpoint) {
        if (endpoint.active()) {
            worker.resume(endpoint.id());
        }
    }

    /** A removed endpoint's held deliveries fail now; its due ones when they are claimed. */
    public void endpointRemoved(String endpointId) {
        store.abandonHeld(endpointId);
    }
}
