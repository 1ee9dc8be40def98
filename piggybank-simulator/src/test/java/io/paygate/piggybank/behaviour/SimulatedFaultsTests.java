package io.paygate.piggybank.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.piggybank.PiggybankProperties.Faults;
import io.paygate.piggybank.PiggybankProperties.Idempotency;
import io.paygate.piggybank.PiggybankProperties.Latency;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.store.AuthorizationLedger;

class SimulatedFaultsTests {

    private static final PiggybankProperties HANGING_FOR_A_MINUTE = new PiggybankProperties(
            new Latency(Duration.ZERO, Duration.ZERO), new Faults(0, 1, Duration.ofMinutes(1), false), new Idempotency(10));

    private final AuthorizationLedger ledger = new AuthorizationLedger(HANGING_FOR_A_MINUTE);
    private final SimulatedFaults faults = new SimulatedFaults(HANGING_FOR_A_MINUTE, ledger);

    @Test
    void lets_held_requests_go_when_the_server_stops() {
        faults.start();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Optional<InjectedFault>> held =
                    CompletableFuture.supplyAsync(faults::disrupt, threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> ledger.stats().hung() == 1);

            faults.stop();

            await().atMost(Duration.ofSeconds(5)).until(held::isDone);
            assertThat(held.join()).contains(InjectedFault.HANG);
            assertThat(faults.isRunning()).isFalse();
        }
    }

    @Test
    void keeps_every_change_made_at_the_same_time() {
        FaultSettings configured = faults.current();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> changes = IntStream.range(0, 100)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> faults.change(current -> new FaultSettings(
                            current.latencyFixed().plusMillis(1), current.latencyJitter(), current.unavailableRate(),
                            current.hangRate(), current.hangFor(), current.down())), threads))
                    .toList();
            changes.forEach(CompletableFuture::join);
        }

        assertThat(faults.current().latencyFixed()).isEqualTo(Duration.ofMillis(100));
        assertThat(faults.restoreConfigured()).isEqualTo(configured);
        assertThat(faults.current()).isEqualTo(configured);
    }
}
