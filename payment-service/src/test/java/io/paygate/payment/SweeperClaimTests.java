package io.paygate.payment;

import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.payment.application.AuthorizationPublisher;
import io.paygate.payment.application.BankReversals;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.PaymentSweeper;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances sweep one store: two sweepers racing over the same overdue payments claim each exactly once.
 * The application's own scheduled sweeper is kept out of the race by an interval longer than the test.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class SweeperClaimTests {

    private static final TestIsolation ISOLATION = new TestIsolation();
    private static final int PAYMENTS = 30;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.mongodb.database", () -> ISOLATION.database);
        registry.add("paygate.payments.results-queue", () -> ISOLATION.resultsQueue);
        registry.add("paygate.card-encryption.keys", () -> ISOLATION.cardKeys);
        registry.add("paygate.card-encryption.active-key-id", () -> ISOLATION.cardKeyId);
        registry.add("paygate.payments.sweep-interval", () -> "1h");
    }

    @Autowired
    ConnectionFactory connections;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessageConverter converter;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    CardCipher cardCipher;
    @Autowired
    PaymentStore store;
    @Autowired
    AuthorizationPublisher publisher;
    @Autowired
    BankReversals reversals;

    private FakeAcquirer acquirer;

    @BeforeAll
    void startAcquirer() {
        acquirer = new FakeAcquirer(ISOLATION.acquirer, connections, rabbit, admin, converter, cardCipher);
    }

    @AfterAll
    void removeQueues() {
        listeners.stop();
        acquirer.close();
        admin.deleteQueue(ISOLATION.resultsQueue);
        admin.deleteQueue(Topology.deadLetterQueue(ISOLATION.resultsQueue));
    }

    @Test
    void two_sweepers_never_both_claim_one_payment() throws Exception {
        String merchant = TestIsolation.merchantId();
        for (int i = 0; i < PAYMENTS; i++) {
            overduePayment(merchant);
        }
        PaymentSweeper one = sweeper();
        PaymentSweeper other = sweeper();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> sweeps = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (PaymentSweeper sweeper : List.of(one, other)) {
                sweeps.add(threads.submit(() -> {
                    start.await();
                    return sweeper.sweep();
                }));
            }
            start.countDown();
        }

        assertThat(sweeps.get(0).get() + sweeps.get(1).get()).isEqualTo(PAYMENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> acquirer.commandsOf(merchant).size() >= PAYMENTS);
        assertThat(acquirer.commandsOf(merchant)).hasSize(PAYMENTS)
                .extracting(received -> received.command().paymentId()).doesNotHaveDuplicates();
        assertThat(one.sweep()).as("claimed work is not due again until its claim expires").isZero();
    }

    /** A pending payment whose confirmed command had no answer, overdue for sending again. */
    private void overduePayment(String merchant) {
        Instant now = Instant.now();
        Payment payment = Payment.request(merchant, new Money(1050, "GBP"), CardSummary.of("4000000000000010", 12, 2030),
                null, null, null, now);
        store.insert(payment, StoredCommands.of(payment, ISOLATION.acquirer, cardCipher), now);
        store.markPublished(payment.id(), now, now.minusMillis(1));
    }

    private PaymentSweeper sweeper() {
        return new PaymentSweeper(store, publisher, reversals, Clock.systemUTC(), new PaymentSweeper.Settings(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofSeconds(5), 100));
    }
}
