package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells merchants, through webhook-service, what happened to their payments, and never loses an event:
 * <ul>
 *     <li>{@link #write} stores a change together with the events it makes ({@link Payment#eventsSince}) in the
 *         payment's outbox, one write, then hands the events to the relay's thread;</li>
 *     <li>that thread lets events gather for a moment ({@link #LINGER}), publishes them as one message, so that the
 *         broker's cost per event shrinks as batches grow, waits for the broker's confirm, and removes those events
 *         from their outboxes;</li>
 *     <li>{@link #republishOverdue} (the sweeper's) publishes again what nobody removed by its time: the broker did not
 *         confirm, or the instance died between the write and the confirm.</li>
 * </ul>
 * So an event is published at least once, maybe twice; its id is the same each time, and webhook-service keeps the
 * first. Neither the request nor the listener that made the change waits for the broker.
 */
public class PaymentEventRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventRelay.class);

    /** Events in one message at most. */
    static final int BATCH = 100;

    /**
     * How long the relay's thread lets events gather before it publishes them: a webhook is no matter of milliseconds,
     * while each message costs the broker, webhook-service and the outbox's clean-up the same however many events it
     * carries.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    /**
     * Events waiting for the relay's thread at most; beyond, while the broker is slow or gone, events wait in their
     * outboxes for the sweeper instead of in memory.
     */
    static final int MAX_WAITING = 10_000;

    private final PaymentStore store;
    private final EventPublisher publisher;
    private final PaymentActivity activity;
    private final CurrentTrace trace;
    private final Clock clock;
    private final Duration republishAfter;
    private final Duration confirmWithin;
    private final ExecutorService relay = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("payment-event-relay").daemon().factory());
    private final Queue<EventsOfPayment> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingEvents = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * @param republishAfter how long after a change its events stay in the outbox before the sweeper publishes them
     *                       again; far longer than a confirm takes, so that the sweeper rarely repeats one
     * @param confirmWithin  how long one publication waits for the broker
     */
    public PaymentEventRelay(PaymentStore store, EventPublisher publisher, PaymentActivity activity,
                             CurrentTrace trace, Clock clock, Duration republishAfter, Duration confirmWithin) {
        this.store = store;
        this.publisher = publisher;
        this.activity = activity;
        this.trace = trace;
        this.clock = clock;
        this.republishAfter = republishAfter;
        this.confirmWithin = confirmWithin;
    }

    /**
     * Writes {@code changed} over {@code read} as {@link PaymentStore#update(Payment, Payment, OutboxEvents)} does,
     * with the events the change makes, and relays them once written; they are also what the operator's metrics count.
     *
     * @return whether the payment was changed
     */
    public boolean write(Payment read, Payment changed) {
        Instant now = clock.instant();
        List<PaymentEvent> events = changed.eventsSince(read, now);
        String traceParent = events.isEmpty() ? null : trace.traceParent();
        if (!store.update(read, changed, new OutboxEvents(events, now.plus(republishAfter), traceParent))) {
            return false;
        }
        if (!events.isEmpty()) {
            relay(new EventsOfPayment(changed, events, traceParent));
            activity.recorded(changed, events);
        }
        return true;
    }

    /**
     * Publishes the events of up to {@code limit} payments that are overdue in their outboxes, each first claimed so
     * that no two sweepers publish it at once.
     *
     * @return how many payments' outboxes were dealt with
     */
    public int republishOverdue(int limit) {
        Instant now = clock.instant();
        List<EventsOfPayment> claimed = new ArrayList<>();
        for (UnpublishedEvents overdue : store.findUnpublishedEvents(now, limit)) {
            if (store.postponeOutbox(overdue.events().payment().id(), overdue.dueAt(), now.plus(republishAfter))) {
                claimed.add(overdue.events());
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        // An outbox may be empty: its events were removed after another change had pushed the due time on.
        List<EventsOfPayment> unpublished = claimed.stream().filter(events -> !events.events().isEmpty()).toList();
        Publication publication = unpublished.isEmpty() ? Publication.CONFIRMED
                : publisher.publish(unpublished, confirmWithin);
        if (publication == Publication.CONFIRMED) {
            store.removeFromOutbox(claimed);
            log.info("Published the overdue events of {} payment(s) again", unpublished.size());
        } else {
            log.warn("The overdue events of {} payment(s) were not confirmed ({}); trying again after {}",
                    unpublished.size(), publication, republishAfter);
        }
        return claimed.size();
    }

    /** Publishes what waits, for a little while; what is left stays in its outbox, for the sweeper. */
    @Override
    public void close() {
        relay.shutdown();
        try {
            relay.awaitTermination(confirmWithin.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(EventsOfPayment events) {
        int size = events.events().size();
        if (waitingEvents.addAndGet(size) > MAX_WAITING) {
            waitingEvents.addAndGet(-size);
            log.debug("The relay is behind; the events of payment {} wait in its outbox", events.payment().id());
            return;
        }
        waiting.add(events);
        if (draining.compareAndSet(false, true)) {
            try {
                relay.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Shutting down: the events stay in the outbox, for the sweeper of this or another instance.
                draining.set(false);
            }
        }
    }

    private void drain() {
        do {
            for (List<EventsOfPayment> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                publishAndRemove(batch);
            }
            draining.set(false);
        } while (!waiting.isEmpty() && draining.compareAndSet(false, true));
    }

    private void lingerUnlessFull() {
        if (waitingEvents.get() < BATCH) {
            try {
                Thread.sleep(LINGER);
            } catch (InterruptedException e) {
                // Shutting down: publish what waits now.
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<EventsOfPayment> nextBatch() {
        lingerUnlessFull();
        List<EventsOfPayment> batch = new ArrayList<>();
        int events = 0;
        for (EventsOfPayment next = waiting.peek(); next != null && (batch.isEmpty() || events + next.events().size()
                <= BATCH); next = waiting.peek()) {
            waiting.poll();
            batch.add(next);
            events += next.events().size();
        }
        waitingEvents.addAndGet(-events);
        return batch;
    }

    private void publishAndRemove(List<EventsOfPayment> batch) {
        try {
            Publication publication = publisher.publish(batch, confirmWithin);
            if (publication == Publication.CONFIRMED) {
                store.removeFromOutbox(batch);
            } else {
                log.warn("Events of {} payment(s) were not confirmed ({}); the sweeper publishes them again",
                        batch.size(), publication);
            }
        } catch (RuntimeException e) {
            log.warn("Events of {} payment(s) are left in their outboxes for the sweeper: {}", batch.size(),
                    e.toString());
        }
    }
}
