package io.paygate.webhook.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * How many attempts are in flight to each endpoint from this instance, each endpoint bounded on its own, so that a
 * slow or dead endpoint takes up its own lane and never another's. A delivery that finds its lane full is not queued
 * here: it stays due in the store, and the lane remembers to look for it when an attempt ends.
 */
final class EndpointLanes {

    private final int perEndpoint;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    EndpointLanes(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    /** Takes a place in the endpoint's lane; false, and remembered, when it is full. */
    boolean enter(String endpointId) {
        Lane lane = lanes.computeIfAbsent(endpointId, id -> new Lane());
        while (true) {
            int inFlight = lane.inFlight.get();
            if (inFlight >= perEndpoint) {
                lane.waiting.set(true);
                return false;
            }
            if (lane.inFlight.compareAndSet(inFlight, inFlight + 1)) {
                return true;
            }
        }
    }

    /** Gives the place back; true when deliveries found the lane full meanwhile, so that they are looked for now. */
    boolean leave(String endpointId) {
        Lane lane = lanes.get(endpointId);
        lane.inFlight.decrementAndGet();
        return lane.waiting.getAndSet(false);
    }

    /** Free places in the endpoint's lane. */
    int free(String endpointId) {
        Lane lane = lanes.get(endpointId);
        return lane == null ? perEndpoint : perEndpoint - lane.inFlight.get();
    }

    /** The endpoints whose lanes are full. */
    Set<String> full() {
        return lanes.entrySet().stream().filter(lane -> lane.getValue().inFlight.get() >= perEndpoint)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static final class Lane {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean waiting = new AtomicBoolean();
    }
}
