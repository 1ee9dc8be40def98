package io.paygate.webhook.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/** Looks for due deliveries every {@code paygate.webhooks.delivery.sweep-interval}: retries, and whatever was left. */
class DeliverySweeper {

    private static final Logger log = LoggerFactory.getLogger(DeliverySweeper.class);

    private final DeliveryWorker worker;

    DeliverySweeper(DeliveryWorker worker) {
        this.worker = worker;
    }

    @Scheduled(fixedDelayString = "${paygate.webhooks.delivery.sweep-interval:1s}")
    void sweep() {
        try {
            worker.sweep();
        } catch (DataAccessException e) {
            log.warn("Could not look for due deliveries: {}", e.toString());
        }
    }
}
