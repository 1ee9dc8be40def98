package io.paygate.payment;

import io.paygate.payment.application.AuthorizationPublisher;
import io.paygate.payment.application.ActionSender;
import io.paygate.payment.application.BankReversals;
import io.paygate.payment.application.PaymentActivity;
import io.paygate.payment.application.PaymentEventRelay;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.PaymentSweeper;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.RecoveryPolicies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

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
@TestPropertySource(properties = "paygate.payments.sweep-interval=1h")
class SweeperClaimTests extends ServiceIntegrationTest {

    private static final int PAYMENTS = 30;

    @Autowired
    PaymentStore store;
    @Autowired
    PaymentEventRelay events;
    @Autowired
    AuthorizationPublisher publisher;
    @Autowired
    BankReversals reversals;
    @Autowired
    ActionSender actions;
    @Autowired
    PaymentActivity activity;

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

    /** A pending payment whose command had no answer, overdue for sending again: requested before the first wait. */
    private void overduePayment(String merchant) {
        Instant requestedOn = Instant.now().minus(RecoveryPolicies.DEFAULTS.resendAfter()).minusSeconds(1);
        Payment payment = Payment.request(merchant, new Money(1050, "GBP"), CardSummary.of("4000000000000010", 12, 2030),
                StoredCommands.route(isolation.acquirer, merchant), null, null, null, CapturePlan.MANUAL, requestedOn,
                RecoveryPolicies.DEFAULTS);
        store.insert(payment, StoredCommands.of(payment, cardCipher));
    }

    private PaymentSweeper sweeper() {
        return new PaymentSweeper(store, events, publisher, reversals, actions, activity, Clock.systemUTC(),
                RecoveryPolicies.DEFAULTS, Duration.ofSeconds(5), 100);
    }
}
