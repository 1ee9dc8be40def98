package io.paygate.webhook.delivery;

import io.paygate.webhook.ServiceIntegrationTest;
import io.paygate.webhook.endpoint.WebhookIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's conditional writes against the MongoDB wire server. Its deliveries are due in 2100, so that the
 * running service's sweeper, which looks for what is due now, leaves them alone.
 */
class DeliveryStoreTest extends ServiceIntegrationTest {

    private static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    @Autowired
    DeliveryStore store;

    @Test
    void lets_one_of_several_racing_instances_claim_a_due_delivery() throws Exception {
        Delivery delivery = stored(WebhookIds.next());
        Callable<Optional<Delivery>> claim = () -> store.claim(delivery.id(), FUTURE, FUTURE.plusSeconds(15),
                UUID.randomUUID().toString());

        List<Optional<Delivery>> claims;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Delivery>>> racing = threads.invokeAll(IntStream.range(0, 16).mapToObj(i -> claim)
                    .toList());
            claims = racing.stream().map(DeliveryStoreTest::result).toList();
        }

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(claims.stream().flatMap(Optional::stream).findFirst().orElseThrow().nextAttemptOn())
                .isEqualTo(FUTURE.plusSeconds(15));
    }

    @Test
    void lets_another_claim_a_delivery_whose_claimant_died_once_its_claim_has_passed() {
        Delivery delivery = stored(WebhookIds.next());
        Instant claimedUntil = FUTURE.plusSeconds(15);
        assertThat(store.claim(delivery.id(), FUTURE, claimedUntil, "died")).isPresent();

        assertThat(store.claim(delivery.id(), claimedUntil.minusMillis(1), claimedUntil.plusSeconds(15), "early"))
                .isEmpty();
        assertThat(store.claim(delivery.id(), claimedUntil, claimedUntil.plusSeconds(15), "next")).isPresent();

        DeliveryAttempt attempt = new DeliveryAttempt(claimedUntil, 200, null, 5);
        Delivery.Outcome succeeded = new Delivery.Outcome(Delivery.SUCCEEDED, null);
        assertThat(store.record(delivery.id(), "died", attempt, succeeded)).as("the dead claim").isFalse();
        assertThat(store.record(delivery.id(), "next", attempt, succeeded)).isTrue();
        Delivery recorded = store.find(delivery.merchantId(), delivery.endpointId(), delivery.id()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(Delivery.SUCCEEDED);
        assertThat(recorded.attempts()).containsExactly(attempt);
        assertThat(recorded.nextAttemptOn()).isNull();
    }

    @Test
    void stores_one_delivery_per_event_and_endpoint() {
        String endpointId = WebhookIds.next();
        Delivery first = delivery(endpointId, "evt_" + UUID.randomUUID());
        Delivery second = delivery(endpointId, "evt_" + UUID.randomUUID());
        store.insertNew(List.of(first));

        Delivery again = delivery(endpointId, first.eventId());
        List<Delivery> stored = store.insertNew(List.of(again, second));

        assertThat(stored).containsExactly(second);
        assertThat(store.find(first.merchantId(), endpointId, again.id())).isEmpty();
        assertThat(store.insertNew(List.of())).isEmpty();
    }

    @Test
    void finds_due_deliveries_but_not_held_settled_or_those_of_full_lanes() {
        String endpointId = WebhookIds.next();
        Delivery due = stored(endpointId);
        Delivery held = stored(endpointId);
        Delivery full = stored(WebhookIds.next());
        store.claim(held.id(), FUTURE, FUTURE, "c");
        store.hold(held.id(), "c", endpointId);
        Instant later = FUTURE.plus(Duration.ofDays(1));

        List<String> found = store.due(later, Set.of(full.endpointId()), 1000).stream()
                .map(DeliveryStore.Due::id).toList();

        assertThat(found).contains(due.id()).doesNotContain(held.id(), full.id());
        assertThat(store.dueFor(endpointId, later, 10)).containsExactly(new DeliveryStore.Due(due.id(), endpointId));

        store.release(endpointId, later);
        assertThat(store.dueFor(endpointId, later, 10)).extracting(DeliveryStore.Due::id)
                .containsExactlyInAnyOrder(due.id(), held.id());
    }

    private Delivery stored(String endpointId) {
        Delivery delivery = delivery(endpointId, "evt_" + UUID.randomUUID());
        assertThat(store.insertNew(List.of(delivery))).containsExactly(delivery);
        return delivery;
    }

    private Delivery delivery(String endpointId, String eventId) {
        return new Delivery(WebhookIds.nextDelivery(), endpointId, merchant, eventId, "payment_captured", "{}",
                Delivery.PENDING, List.of(), FUTURE, null, FUTURE, null);
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
