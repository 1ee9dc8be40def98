package io.paygate.acquirer.support.adapter.in.amqp;

import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandsInFlightTest {

    private final CommandsInFlight commands = new CommandsInFlight(3, ContextSnapshotFactory.builder().build());
    private final CountDownLatch bankAnswers = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();

    @Test
    void keeps_the_consumer_waiting_while_the_bound_is_reached() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(commands.start(this::atTheBank)).isTrue();
        }
        Thread consumer = Thread.ofVirtual().start(() -> commands.start(this::atTheBank));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> running.get() == 3);
        assertThat(consumer.isAlive()).isTrue();
        bankAnswers.countDown();

        assertThat(consumer.join(Duration.ofSeconds(2))).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> settled.get() == 4 && commands.count() == 0);
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void stops_starting_commands_and_waits_for_those_in_flight_when_closed() {
        commands.start(this::atTheBank);
        commands.start(this::atTheBank);
        Thread.ofVirtual().start(() -> {
            await().until(() -> running.get() == 2);
            bankAnswers.countDown();
        });

        assertThat(commands.close(Duration.ofSeconds(5))).isTrue();

        assertThat(settled.get()).isEqualTo(2);
        assertThat(commands.start(this::atTheBank)).isFalse();
        commands.open();
        assertThat(commands.start(this::atTheBank)).isTrue();
    }

    @Test
    void gives_up_waiting_after_the_grace() {
        commands.start(this::atTheBank);
        await().until(() -> running.get() == 1);

        assertThat(commands.close(Duration.ofMillis(100))).isFalse();

        assertThat(commands.count()).isEqualTo(1);
        bankAnswers.countDown();
    }

    private void atTheBank() {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            bankAnswers.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
            settled.incrementAndGet();
        }
    }
}
