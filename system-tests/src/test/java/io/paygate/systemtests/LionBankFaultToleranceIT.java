package io.paygate.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite against the Lion Bank (ISO 8583 over one TCP connection), with the invariants of
 * {@link FaultToleranceIT}: every payment the client got an id for is final before the final deadline (plus a
 * margin), one payment per idempotency key, the bank approved nothing twice, and the approvals the bank still holds
 * are exactly the {@code Authorized} payments (the Lion Bank counts a reversed approval out of its approvals). Then one
 * burst across both banks: a merchant routed to the Piggy Bank, then the Lion Bank, while the Piggy Bank is stopped
 * part of the time: no payment may stay approved at both.
 *
 * <p>Faults are injected during the burst and cleared once every payment is final, so that the reversals still owed
 * (an answer dropped or cut off may hide an approval) reach the bank; the invariants are then read.
 */
@ExtendWith(SharedStack.Extension.class)
class LionBankFaultToleranceIT {

    private static final String ADAPTER = "acquirer-lionbank-service";
    private static final String PIGGYBANK_SIMULATOR = "piggybank-simulator";
    private static final String APPROVED_CARD = "4111111111111111";
    /** Declined by the Piggy Bank (even last digit); the Lion Bank decides by amount. */
    private static final String PIGGYBANK_DECLINED_CARD = "4242424242424242";
    private static final Duration FINAL_DEADLINE = Duration.ofSeconds(25);
    private static final Duration SETTLING_MARGIN = Duration.ofSeconds(20);
    /** Past the adapter's reversal retry queue delay (30 s), for a reversal that was parked there. */
    private static final Duration REVERSALS_WITHIN = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static Gateway gateway;
    private static LionBank lionBank;
    private static PiggyBank piggyBank;
    /** A merchant of the Lion Bank alone. */
    private static String lionKey;
    /** A merchant routed to the Piggy Bank first, then to the Lion Bank. */
    private static String crossBankKey;
    /** A merchant of the Piggy Bank alone. */
    private static String piggyBankKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        lionBank = new LionBank(stack);
        piggyBank = new PiggyBank(stack);
        lionKey = running.createMerchant("Lion Fault Suite Shop", "lionbank", "LION-FAULTS", List.of("GBP"));
        // At most 15 characters at the Lion Bank (ISO 8583 field 42): its adapter refuses a longer id, although the
        // admin API accepts up to 100 for any acquirer.
        crossBankKey = running.createMerchantWithRouting("Cross-Bank Fault Suite Shop", "piggybank", "piggy-cross-faults",
                List.of("GBP"), """
                        [{"acquirer": "piggybank", "acquirer_merchant_id": "piggy-cross-faults"},
                         {"acquirer": "lionbank", "acquirer_merchant_id": "LION-CROSS"}]""");
        piggyBankKey = running.createMerchant("Piggy Fault Suite Shop", List.of("GBP"));
    }

    /** The failures the cross-bank burst left in the Piggy Bank adapter's breaker window pushed out, for the next class. */
    @AfterAll
    static void leaveThePiggyBankAdapterTrustingItsBank() {
        PiggyBank.refillBreakerWindowWithApprovals(stack, gateway, piggyBankKey);
    }

    /** Every service up and both adapters trusting their banks (no circuit breaker left open by an earlier test). */
    @BeforeEach
    void waitForAHealthyStack() {
        StackHealth.awaitUp(List.of(
                StackHealth.healthOf(stack, "PAYMENT_SERVICE_PORT", ""), StackHealth.healthOf(stack, "PAYMENT_SERVICE_2_PORT", ""),
                StackHealth.healthOf(stack, "ACQUIRER_LIONBANK_PORT", ""), StackHealth.healthOf(stack, "ACQUIRER_LIONBANK_PORT", "/bank"),
                StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", ""), StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", "/bank")));
    }

    /** No fault left, every process running, both breakers closed, whatever happened. */
    @AfterEach
    void restoreTheStack() {
        try {
            lionBank.clearFaults();
        } finally {
            List.of(PIGGYBANK_SIMULATOR, ADAPTER).stream().filter(service -> !stack.isRunning(service)).forEach(stack::start);
        }
        waitForAHealthyStack();
    }

    @Test
    void settles_every_payment_exactly_once_when_the_lion_bank_adapter_is_killed_mid_flight() {
        lionBank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        LionBank.Stats before = lionBank.stats();
        PaymentBurst burst = lionBurst("lion-kill-adapter", 80);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> lionBank.stats().since(before).approvals() >= 10);
        // Killed with payments at the bank: their answers are lost, their commands go back to the queue, and the
        // adapter started again sends them again (the same transactions to the bank, answered as duplicates).
        stack.kill(ADAPTER);
        stack.start(ADAPTER);
        requests.join();

        assertLionInvariants(burst, before);
    }

    @Test
    void settles_every_payment_exactly_once_when_the_lion_bank_closes_connections_mid_request() {
        // The connection is shared: each close cuts off every request in flight on it, not only the one just read.
        lionBank.injectFaults("{\"latency_fixed_ms\": 50, \"latency_jitter_ms\": 50, \"close_rate\": 0.05}");
        LionBank.Stats before = lionBank.stats();
        PaymentBurst burst = lionBurst("lion-close-connections", 60);

        burst.sendAllAtOnce();

        LionBank.Stats during = assertLionInvariants(burst, before);
        assertThat(during.closedConnections()).as("connections the bank closed mid-request").isPositive();
    }

    @Test
    void settles_every_payment_when_the_lion_bank_never_answers_some_requests() {
        // Read and never answered: the adapter's 5 s read timeout ends each, then it asks again (the same
        // transaction, so the bank decides it once) or gives up with 20091 and a reversal.
        lionBank.injectFaults("{\"latency_fixed_ms\": 50, \"drop_rate\": 0.15}");
        LionBank.Stats before = lionBank.stats();
        PaymentBurst burst = lionBurst("lion-drops", 50);

        burst.sendAllAtOnce();

        LionBank.Stats during = assertLionInvariants(burst, before);
        assertThat(during.dropped()).as("requests the bank never answered").isPositive();
    }

    @Test
    void never_leaves_a_payment_approved_at_both_banks_when_the_first_is_stopped_part_of_the_time() {
        LionBank.Stats lionBefore = lionBank.stats();
        // Stopped before the burst and started again during it: the process that comes back counts from zero, and
        // nothing could have reached the one that stopped.
        stack.stop(PIGGYBANK_SIMULATOR);
        PaymentBurst burst = new PaymentBurst("cross-bank", 80, gateway, crossBankKey, (index, reference) -> """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "GBP", "reference": "%s", "capture": false}
                """.formatted(index % 5 == 4 ? PIGGYBANK_DECLINED_CARD : APPROVED_CARD, amount(index), reference));

        // On a thread of its own: the common pool has a single thread on two cores.
        try (ExecutorService client = Executors.newSingleThreadExecutor()) {
            CompletableFuture<Void> requests = CompletableFuture.runAsync(
                    () -> burst.sendSpreadOver(Duration.ofSeconds(30)), client);
            await().atMost(Duration.ofSeconds(30)).until(() -> lionBank.stats().since(lionBefore).approvals() >= 5);
            stack.start(PIGGYBANK_SIMULATOR);
            requests.join();
        }

        PaymentBurst.Settled settled = burst.settle(FINAL_DEADLINE.plus(SETTLING_MARGIN));
        long authorized = settled.authorized();
        await().atMost(REVERSALS_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> unreversed(piggyBank.stats()) + lionBank.stats().since(lionBefore).approvals() <= authorized);
        PiggyBank.Stats piggy = piggyBank.stats();
        LionBank.Stats lionAfter = lionBank.stats();
        LionBank.Stats lion = lionAfter.since(lionBefore);
        long authorizedByPiggy = settled.authorizedBy("piggybank");
        long authorizedByLion = settled.authorizedBy("lionbank");

        System.out.printf("INVARIANTS %s: %s authorized_by_piggybank=%d authorized_by_lionbank=%d "
                        + "piggybank_approvals_since_restart=%d piggybank_reversals_since_restart=%d "
                        + "piggybank_approved_more_than_once=%d lionbank_approvals_standing=%d lionbank_reversals=%d "
                        + "lionbank_approved_more_than_once=%d%n",
                burst.scenario, settled.summary(), authorizedByPiggy, authorizedByLion, piggy.approvals(),
                piggy.reversals(), piggy.approvedMoreThanOnce(), lion.approvals(), lion.reversals(),
                lionAfter.approvedMoreThanOnce());

        settled.assertOnePaymentPerKey();
        assertThat(piggy.approvedMoreThanOnce()).as("Piggy Bank approved_more_than_once").isZero();
        assertThat(piggy.approvalsWithoutIdempotencyKey()).isZero();
        assertThat(lionAfter.approvedMoreThanOnce()).as("Lion Bank approved_more_than_once").isZero();
        assertThat(unreversed(piggy) + lion.approvals())
                .as("approvals not reversed at both banks must be exactly the Authorized payments").isEqualTo(authorized);
        assertThat(unreversed(piggy)).as("approvals not reversed at the Piggy Bank").isEqualTo(authorizedByPiggy);
        assertThat(lion.approvals()).as("approvals standing at the Lion Bank").isEqualTo(authorizedByLion);
        assertThat(authorizedByPiggy + authorizedByLion).as("every Authorized payment names its acquirer").isEqualTo(authorized);
        assertThat(authorizedByLion).as("payments that failed over to the Lion Bank").isPositive();
    }

    /**
     * Waits for the reversals still owed, with the faults cleared; checks the invariants, prints their figures and
     * returns what the bank counted during the burst.
     */
    private static LionBank.Stats assertLionInvariants(PaymentBurst burst, LionBank.Stats before) {
        PaymentBurst.Settled settled = burst.settle(FINAL_DEADLINE.plus(SETTLING_MARGIN));
        long authorized = settled.authorized();
        lionBank.clearFaults();
        // Reversals of payments the bank approved but the gateway declined may still be on their way.
        await().atMost(REVERSALS_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> lionBank.stats().since(before).approvals() <= authorized);
        LionBank.Stats after = lionBank.stats();
        LionBank.Stats during = after.since(before);

        System.out.printf("INVARIANTS %s: %s bank_approvals_standing=%d bank_reversals=%d bank_duplicates=%d "
                        + "bank_dropped=%d bank_closed_connections=%d bank_refused_after_reversal=%d approved_more_than_once=%d%n",
                burst.scenario, settled.summary(), during.approvals(), during.reversals(), during.duplicates(),
                during.dropped(), during.closedConnections(), during.refusedAfterReversal(), after.approvedMoreThanOnce());

        settled.assertOnePaymentPerKey();
        assertThat(after.approvedMoreThanOnce()).as("approved_more_than_once").isZero();
        assertThat(during.forgottenTransactions()).as("transactions the bank forgot during the burst").isZero();
        assertThat(during.approvals())
                .as("bank approvals not reversed must be exactly the Authorized payments").isEqualTo(authorized);
        assertThat(settled.authorizedBy("lionbank")).as("Authorized payments processed by the Lion Bank").isEqualTo(authorized);
        assertThat(settled.payments.values()).filteredOn(payment -> "Authorized".equals(payment.path("status").asString()))
                .allSatisfy(payment -> assertThat(payment.path("processing").path("retrieval_reference_number").asString())
                        .as(payment.toString()).isNotBlank());
        return during;
    }

    /** A burst for the Lion Bank's merchant: every fifth amount ends in 51 (insufficient funds), the others approved. */
    private static PaymentBurst lionBurst(String scenario, int size) {
        return new PaymentBurst(scenario, size, gateway, lionKey, (index, reference) -> """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "GBP", "reference": "%s", "capture": false}
                """.formatted(APPROVED_CARD, amount(index), reference));
    }

    /** Ends in 51 for every fifth payment (the Lion Bank declines it), in 10 for the others (approved). */
    private static long amount(int index) {
        return 1000 + 100L * index + (index % 5 == 4 ? 51 : 10);
    }

    private static long unreversed(PiggyBank.Stats stats) {
        return stats.approvals() - stats.reversals();
    }
}
