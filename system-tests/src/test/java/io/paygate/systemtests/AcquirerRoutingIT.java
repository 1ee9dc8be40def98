package io.paygate.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A merchant's routing rules through the real stack, both banks running: which acquirer a payment goes to, the
 * failover to the next acquirer when the first certainly never sent it to its bank, and no failover when the bank
 * may have seen it. Driven over HTTPS through the gateway; the contracts are set through the admin API.
 *
 * <p>The Piggy Bank simulator's {@code down} knob answers 503, which is an answer (the bank may be there), not a
 * refused connection; a bank that refuses connections is its process stopped, so the failover test stops it and
 * starts it again.
 */
@ExtendWith(SharedStack.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcquirerRoutingIT {

    private static final String PIGGYBANK_SIMULATOR = "piggybank-simulator";
    private static final String APPROVED_CARD = "4111111111111111";
    /** The Piggy Bank answers 503 to a card ending in 0: an answer that says nothing about whether it approved. */
    private static final String PIGGYBANK_UNAVAILABLE_CARD = "4000000000000010";

    private static LocalStack stack;
    private static Gateway gateway;
    private static PiggyBank piggyBank;
    private static LionBank lionBank;
    /** Piggy Bank by default, euros to the Lion Bank. */
    private static String euroToLionKey;
    /** Piggy Bank first, then the Lion Bank, for every payment. */
    private static String failoverKey;
    /** The Piggy Bank alone. */
    private static String piggyBankKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        piggyBank = new PiggyBank(stack);
        lionBank = new LionBank(stack);
        euroToLionKey = running.createMerchantWithRouting("E2E Routing Books", "piggybank", "piggy-routing",
                List.of("GBP", "EUR"), """
                        [{"acquirer": "lionbank", "acquirer_merchant_id": "LION-ROUTING", "currencies": ["EUR"]}]""");
        failoverKey = running.createMerchantWithRouting("E2E Failover Books", "piggybank", "piggy-failover",
                List.of("GBP"), """
                        [{"acquirer": "piggybank", "acquirer_merchant_id": "piggy-failover"},
                         {"acquirer": "lionbank", "acquirer_merchant_id": "LION-FAILOVER"}]""");
        piggyBankKey = running.createMerchant("E2E Routing Piggy Only", List.of("GBP"));
    }

    /**
     * The payments this class made fail at the Piggy Bank (its 503, its refused connections) stay in the adapter's
     * circuit breaker window, which never opened: approvals push them out, for the next class.
     */
    @AfterAll
    static void leaveThePiggyBankAdapterTrustingItsBank() {
        PiggyBank.refillBreakerWindowWithApprovals(stack, gateway, piggyBankKey);
    }

    /** Both adapters running and trusting their banks (no circuit breaker left open by an earlier test). */
    @BeforeEach
    void waitForBothBanks() {
        StackHealth.awaitUp(List.of(
                StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", "/bank"),
                StackHealth.healthOf(stack, "ACQUIRER_LIONBANK_PORT", "/bank")));
    }

    /** The Piggy Bank running again, and its adapter's circuit breaker closed, whatever happened. */
    @AfterEach
    void restoreThePiggyBank() {
        if (!stack.isRunning(PIGGYBANK_SIMULATOR)) {
            stack.start(PIGGYBANK_SIMULATOR);
        }
        waitForBothBanks();
    }

    @Test
    @Order(1)
    void sends_euro_payments_to_the_lion_bank_and_pound_payments_to_the_piggy_bank() {
        LionBank.Stats lionBefore = quietLionBank();
        PiggyBank.Stats piggyBefore = piggyBank.stats();

        JsonNode euro = decided(pay(euroToLionKey, APPROVED_CARD, 1010, "EUR"), euroToLionKey);

        assertThat(euro.path("status").asString()).as(euro.toString()).isEqualTo("Authorized");
        assertThat(euro.path("processing").path("acquirer").asString()).as(euro.toString()).isEqualTo("lionbank");
        assertThat(euro.path("processing").path("retrieval_reference_number").asString()).as(euro.toString())
                .isNotBlank();
        assertThat(lionBank.stats().since(lionBefore).approvals()).as("approvals at the Lion Bank").isEqualTo(1);
        assertThat(piggyBank.stats().since(piggyBefore).approvals()).as("approvals at the Piggy Bank").isZero();

        JsonNode pound = decided(pay(euroToLionKey, APPROVED_CARD, 1010, "GBP"), euroToLionKey);

        assertThat(pound.path("status").asString()).as(pound.toString()).isEqualTo("Authorized");
        assertThat(pound.path("processing").path("acquirer").asString()).as(pound.toString()).isEqualTo("piggybank");
        assertThat(pound.path("processing").has("retrieval_reference_number")).as(pound.toString()).isFalse();
        assertThat(piggyBank.stats().since(piggyBefore).approvals()).as("approvals at the Piggy Bank").isEqualTo(1);
        LionBank.Stats lionAfter = lionBank.stats().since(lionBefore);
        assertThat(lionAfter.authorizationRequests()).as("authorisations the Lion Bank saw").isEqualTo(1);
        assertThat(lionAfter.approvals()).as("approvals at the Lion Bank").isEqualTo(1);
    }

    @Test
    @Order(2)
    void declines_a_payment_the_piggy_bank_answers_503_without_sending_it_to_the_lion_bank() {
        LionBank.Stats lionBefore = quietLionBank();

        JsonNode payment = decided(pay(failoverKey, PIGGYBANK_UNAVAILABLE_CARD, 1020, "GBP"), failoverKey);

        // The Piggy Bank answered: it may have approved, so the payment is declined there (and reversed there), and
        // never sent to the next acquirer, where it could be approved a second time.
        assertThat(payment.path("status").asString()).as(payment.toString()).isEqualTo("Declined");
        assertThat(payment.path("response_code").asString()).as(payment.toString()).isEqualTo("20091");
        assertThat(payment.path("processing").path("acquirer").asString()).as(payment.toString()).isEqualTo("piggybank");
        // Whatever the gateway does after the decline (its reversal), none of it reaches the Lion Bank.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> lionBank.stats().since(lionBefore).requestsReceived() == 0);
    }

    @Test
    @Order(3)
    void fails_over_to_the_lion_bank_while_the_piggy_bank_refuses_connections() {
        int payments = 6;
        LionBank.Stats lionBefore = quietLionBank();
        stack.stop(PIGGYBANK_SIMULATOR);

        Map<String, JsonNode> decided = new ConcurrentHashMap<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, payments).forEach(i -> clients.submit(() -> {
                JsonNode payment = decided(pay(failoverKey, APPROVED_CARD, 1100 + 100 * i, "GBP"), failoverKey);
                decided.put(payment.path("id").asString(), payment);
            }));
        }

        assertThat(decided).hasSize(payments);
        assertThat(decided.values()).allSatisfy(payment -> {
            assertThat(payment.path("status").asString()).as(payment.toString()).isEqualTo("Authorized");
            assertThat(payment.path("processing").path("acquirer").asString()).as(payment.toString()).isEqualTo("lionbank");
            assertThat(payment.path("processing").path("retrieval_reference_number").asString()).as(payment.toString())
                    .isNotBlank();
        });
        assertThat(lionBank.stats().since(lionBefore).approvals()).as("approvals at the Lion Bank").isEqualTo(payments);

        // Back again, the Piggy Bank (a new process: it counts from zero) approved none of them, then or since.
        stack.start(PIGGYBANK_SIMULATOR);
        waitForBothBanks();
        PiggyBank.Stats piggyAfter = piggyBank.stats();
        System.out.printf("ROUTING failover: payments=%d lion_approvals=%d piggy_approvals_after_restart=%d%n",
                payments, lionBank.stats().since(lionBefore).approvals(), piggyAfter.approvals());
        assertThat(piggyAfter.approvals()).as("approvals at the Piggy Bank since it came back").isZero();
    }

    /** Reads the payment until it is decided (a {@code 202} is still pending), then returns it as read. */
    private static JsonNode decided(Gateway.Reply created, String apiKey) {
        assertThat(created.status()).as(created.body()).isIn(201, 202);
        String id = created.text("id");
        JsonNode[] payment = new JsonNode[1];
        await().atMost(Duration.ofSeconds(45)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Gateway.Reply read = gateway.get("/payments/" + id, apiKey);
                    payment[0] = read.json();
                    return read.status() == 200 && !"Pending".equals(read.text("status"));
                });
        if (created.status() == 201) {
            // The answer and the payment read back agree on where it went.
            assertThat(created.json().path("processing")).as(created.body()).isEqualTo(payment[0].path("processing"));
        }
        return payment[0];
    }

    private static Gateway.Reply pay(String apiKey, String card, long amount, String currency) {
        return gateway.post("/payments", apiKey, "ROUTING-" + UUID.randomUUID(), """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "%s", "reference": "ROUTING-%s",
                 "capture": false}
                """.formatted(card, amount, currency, UUID.randomUUID().toString().substring(0, 8)));
    }

    /**
     * The Lion Bank's counters once nothing is arriving there any more (a reversal an earlier test owed it), so that
     * a test can count what it alone sent.
     */
    private static LionBank.Stats quietLionBank() {
        LionBank.Stats[] last = {lionBank.stats()};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            LionBank.Stats now = lionBank.stats();
            boolean quiet = now.since(last[0]).requestsReceived() == 0;
            last[0] = now;
            return quiet;
        });
        return last[0];
    }
}
