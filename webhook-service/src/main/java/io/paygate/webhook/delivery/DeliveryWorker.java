package io.paygate.webhook.delivery;

import io.paygate.events.MessageHeaders;
import io.paygate.webhook.endpoint.SigningSecrets;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import io.paygate.webhook.endpoint.WebhookEndpointStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Attempts deliveries, each on a virtual thread of its own within its endpoint's lane ({@link EndpointLanes}): one
 * slow or dead endpoint holds up only its own deliveries, and whoever hands a delivery over never waits for HTTP.
 * An attempt starts with a claim in the store, so that across instances each due delivery is attempted once; the
 * endpoint as it is now decides the rest: removed, the delivery fails; paused, it is held, not attempted; otherwise it
 * is signed with the endpoint's current secret, sent, and its outcome recorded by the schedule.
 * <p>
 * Deliveries come from the events consumer as soon as they are stored, from the sweeper ({@link #sweep}), which finds
 * what came due or was left by a lane that was full or an instance that died, and from the merchant (redeliver,
 * resume). On shutdown it stops claiming and lets the attempts in flight finish within their timeout.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Beyond the attempt's own timeout, for the reads and writes around it. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    private static final String ATTEMPTS = "paygate.webhook.attempts";

    private final DeliveryStore store;
    private final WebhookEndpointStore endpoints;
    private final SigningSecrets secrets;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Duration timeout;
    private final int sweepBatch;
    private final EndpointLanes lanes;
    private final ObservationRegistry observations;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private volatile boolean running;

    public DeliveryWorker(DeliveryStore store, WebhookEndpointStore endpoints, SigningSecrets secrets,
                          WebhookSender sender, RetrySchedule schedule, Clock clock, DeliveryProperties properties,
                          ObservationRegistry observations) {
        this.store = store;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.sender = sender;
        this.schedule = schedule;
        this.clock = clock;
        this.timeout = properties.timeout();
        this.sweepBatch = properties.sweepBatch();
        this.lanes = new EndpointLanes(properties.perEndpoint());
        this.observations = observations;
    }

    /** Attempts the delivery now, unless its endpoint's lane is full: then it stays due and is looked for later. */
    public void submit(String deliveryId, String endpointId) {
        if (!running || !lanes.enter(endpointId)) {
            return;
        }
        try {
            threads.execute(() -> {
                try {
                    attempt(deliveryId);
                } catch (RuntimeException e) {
                    // Still claimed: attempted again once the claim has passed.
                    log.warn("Delivery {} not attempted: {}", deliveryId, e.toString());
                } finally {
                    if (lanes.leave(endpointId)) {
                        attemptDue(endpointId);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            lanes.leave(endpointId);
        }
    }

    /** Attempts the due deliveries of every endpoint with a free lane, a batch at a time. */
    public void sweep() {
        if (running) {
            store.due(clock.instant(), lanes.full(), sweepBatch).forEach(due -> submit(due.id(), due.endpointId()));
        }
    }

    /** Attempts the endpoint's due deliveries, as many as its lane takes now. */
    public void attemptDue(String endpointId) {
        int free = lanes.free(endpointId);
        if (!running || free < 1) {
            return;
        }
        try {
            store.dueFor(endpointId, clock.instant(), free).forEach(due -> submit(due.id(), due.endpointId()));
        } catch (DataAccessException e) {
            log.warn("Could not look for the due deliveries of endpoint {}, the sweeper will: {}", endpointId,
                    e.toString());
        }
    }

    private void attempt(String deliveryId) {
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        Optional<Delivery> claimed = store.claim(deliveryId, now, now.plus(timeout).plus(CLAIM_MARGIN), claim);
        if (claimed.isEmpty()) {
            return;
        }
        Delivery delivery = claimed.get();
        Optional<WebhookEndpoint> endpoint = endpoints.find(delivery.merchantId(), delivery.endpointId());
        if (endpoint.isEmpty()) {
            store.abandon(deliveryId, claim);
            return;
        }
        if (!endpoint.get().active()) {
            hold(delivery, claim);
            return;
        }
        Observation observation = attemptObservation(delivery).start();
        try (Observation.Scope scope = observation.openScope()) {
            record(delivery, endpoint.get(), claim, observation);
        } finally {
            observation.stop();
        }
    }

    /**
     * {@code paygate.webhook.attempts}: a span in the payment's trace (the event carries the trace of the change that
     * made it) and a timer, by the endpoint's answer (2xx, 4xx, 5xx or none) and where the attempt leaves the
     * delivery: succeeded, pending (a retry is scheduled) or failed.
     */
    private Observation attemptObservation(Delivery delivery) {
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(delivery.traceParent() == null ? Map.of()
                : Map.of(MessageHeaders.TRACE_PARENT, delivery.traceParent()));
        return Observation.createNotStarted(ATTEMPTS, () -> context, observations)
                .contextualName("webhook delivery " + delivery.eventType())
                .highCardinalityKeyValue("delivery.id", delivery.id())
                .highCardinalityKeyValue("event.id", delivery.eventId());
    }

    private void record(Delivery delivery, WebhookEndpoint endpoint, String claim, Observation observation) {
        String deliveryId = delivery.id();
        DeliveryAttempt attempt = send(delivery, endpoint);
        Delivery.Outcome outcome = delivery.after(attempt, schedule);
        observation.lowCardinalityKeyValue("answer", answerClass(attempt))
                .lowCardinalityKeyValue("delivery", outcome.status());
        if (!store.record(deliveryId, claim, attempt, outcome)) {
            log.warn("Attempt of delivery {} outlived its claim: not recorded", deliveryId);
            return;
        }
        // Debug per attempt (a dead endpoint fails many); info when a delivery gives up, for the merchant's questions.
        if (Delivery.FAILED.equals(outcome.status())) {
            log.info("Delivery {} of event {} to endpoint {} failed after {} attempts, the last {}", deliveryId,
                    delivery.eventId(), delivery.endpointId(), delivery.attempts().size() + 1, describe(attempt));
        } else {
            log.debug("Delivery {} of event {} to endpoint {}: {} ({} ms), now {}", deliveryId, delivery.eventId(),
                    delivery.endpointId(), describe(attempt), attempt.latencyMs(), outcome.status());
        }
    }

    private static String answerClass(DeliveryAttempt attempt) {
        return attempt.statusCode() == null ? "none" : attempt.statusCode() / 100 + "xx";
    }

    private static String describe(DeliveryAttempt attempt) {
        return attempt.statusCode() != null ? String.valueOf(attempt.statusCode()) : attempt.error();
    }

    private DeliveryAttempt send(Delivery delivery, WebhookEndpoint endpoint) {
        String secret;
        try {
            secret = secrets.open(endpoint.signingSecret(), endpoint.id());
        } catch (IllegalStateException e) {
            // Its key was removed from the configuration: an operator's mistake, told in every attempt's error.
            log.error("Delivery {}: {}", delivery.id(), e.getMessage());
            return new DeliveryAttempt(clock.instant(), null, "signing_secret_unavailable", 0);
        }
        return sender.send(endpoint, delivery.eventId(), delivery.body(), secret);
    }

    /**
     * Held, then the endpoint read again: if it was made active or removed meanwhile, the release or the failing of
     * its held deliveries may have run before this one was held, so it runs again.
     */
    private void hold(Delivery delivery, String claim) {
        String endpointId = delivery.endpointId();
        store.hold(delivery.id(), claim, endpointId);
        Optional<WebhookEndpoint> now = endpoints.find(delivery.merchantId(), endpointId);
        if (now.isEmpty()) {
            store.abandonHeld(endpointId);
        } else if (now.get().active()) {
            resume(endpointId);
        }
    }

    /** Sends what was held for the endpoint while it was paused, now. */
    public void resume(String endpointId) {
        store.release(endpointId, clock.instant());
        attemptDue(endpointId);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(timeout.plus(CLAIM_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Attempts still in flight at shutdown: claimed, they are attempted again after their claim");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
