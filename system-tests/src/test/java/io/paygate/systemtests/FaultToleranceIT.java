package io.paygate.systemtests;

import com.rabbitmq.client.AMQP;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults injected into the running stack while payments are in flight, each test ending with the same invariants:
 * every payment the client got an id for becomes final before the final deadline (plus a margin), there is exactly
 * one payment per idempotency key, the bank approved nothing twice, and every bank approval is either an
 * {@code Authorized} payment or was reversed (so no {@code 20068}/{@code 20091} decline keeps the customer's money
 * and no {@code Authorized} payment was reversed).
 *
 * <p>The client in every test retries each request with its idempotency key until it gets an answer, and then sends
 * it once more as if the answer had been lost: every repeat must name the payment the first answer named.
 *
 * <p>The stack runs two payment-service instances with {@code PAYMENT_RESEND_AFTER=6s} and
 * {@code PAYMENT_FINAL_DEADLINE=25s} (see {@link LocalStack}); each test restores the bank's knobs, the broker and
 * every process whatever happens, and starts only once all of them are healthy again.
 */
@ExtendWith(SharedStack.Extension.class)
class FaultToleranceIT {

    private static final String ACQUIRER = "acquirer-piggybank-service";
    private static final String SECOND_PAYMENT_SERVICE = "payment-service-2";
    private static final String STORE = "mongo";
    private static final List<String> RESTARTABLE = List.of(ACQUIRER, "payment-service", SECOND_PAYMENT_SERVICE);
    private static final String PIGGYBANK = "piggybank";
    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    private static final Duration FINAL_DEADLINE = Duration.ofSeconds(25);
    /** Time for the sweeper's pass after the deadline and for the client's polling. */
    private static final Duration SETTLING_MARGIN = Duration.ofSeconds(20);

    private static LocalStack stack;
    private static Gateway gateway;
    private static PiggyBank bank;
    private static String apiKey;

    /** Set while a test has the broker stopped, so that it is started again whatever happens. */
    private boolean brokerStopped;
    /** Set while a test has the local MongoDB store killed, so that it is started again whatever happens. */
    private boolean storeKilled;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        bank = new PiggyBank(stack);
        apiKey = running.createMerchant("Fault Suite Shop", List.of("GBP"));
    }

    /**
     * A test starts from a stack that is whole again: every service connected to the broker, and a bank the adapter
     * trusts (a circuit breaker still open or half open from an earlier outage declines payments {@code 20091} at
     * once, and nothing would reach the bank).
     */
    @BeforeEach
    void waitForAHealthyStack() {
        StackHealth.awaitUp(List.of(
                StackHealth.healthOf(stack, "PAYMENT_SERVICE_PORT", ""), StackHealth.healthOf(stack, "PAYMENT_SERVICE_2_PORT", ""),
                StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", ""), StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", "/bank")));
    }

    /**
     * Leaves the stack as whole as it found it, for the next test and the next class: no fault injected, every
     * process running, the broker up, the adapter's circuit breaker closed again.
     */
    @AfterEach
    void restoreTheStack() {
        try {
            bank.clearFaults();
        } finally {
            if (brokerStopped) {
                stack.startBroker();
                brokerStopped = false;
            }
            if (storeKilled) {
                stack.start(STORE);
                storeKilled = false;
            }
            RESTARTABLE.stream().filter(service -> !stack.isRunning(service)).forEach(stack::start);
        }
        waitForAHealthyStack();
    }

    @Test
    void settles_every_payment_exactly_once_when_the_acquirer_adapter_is_killed_mid_flight() {
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("kill-adapter", 200);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        stack.kill(ACQUIRER);
        stack.start(ACQUIRER);
        requests.join();

        assertInvariants(burst, before);
    }

    @Test
    void declines_and_reverses_every_payment_still_pending_when_the_adapter_stays_down_past_the_final_deadline()
            throws InterruptedException {
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("adapter-down-past-deadline", 100);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        // Killed in the middle of bank calls, and back only once the gateway has given up on what it left: the
        // commands and reversals then wait in their queues together, in no particular order.
        stack.kill(ACQUIRER);
        Thread.sleep(Duration.between(Instant.now(), burst.firstRequest.plus(FINAL_DEADLINE).plusSeconds(8)));
        stack.start(ACQUIRER);
        requests.join();

        Map<String, JsonNode> settled = assertInvariants(burst, before);
        assertThat(count(settled, "response_code", "20068")).as("payments declined at the final deadline").isPositive();
    }

    @Test
    void settles_every_payment_exactly_once_when_a_payment_service_instance_is_killed_while_its_requests_wait() {
        // Every payment waits ~1.5 s for the bank, so the killed instance holds requests and commands in flight.
        bank.injectFaults("{\"latency_fixed_ms\": 1500, \"latency_jitter_ms\": 300}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("kill-payment-service", 150);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        stack.kill(SECOND_PAYMENT_SERVICE);
        requests.join();

        assertThat(burst.answersWithoutAPayment).as("requests cut off by the killed instance, then retried").hasPositiveValue();
        assertInvariants(burst, before);
    }

    @Test
    void keeps_every_answered_payment_when_the_local_mongodb_store_is_killed_mid_burst() {
        assumeTrue(stack.isRunning(STORE), "the stack uses a MongoDB of its own, not the local store it could kill");
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("kill-mongo", 150);

        // On a thread of its own: while the store is down this burst cannot finish, unlike those the services can
        // still answer with 202, and the common pool has a single thread on two cores.
        try (ExecutorService client = Executors.newSingleThreadExecutor()) {
            CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce, client);
            await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
            storeKilled = true;
            stack.kill(STORE);
            stack.start(STORE);
            storeKilled = false;
            requests.join();
        }

        Map<String, JsonNode> settled = assertInvariants(burst, before);
        // Every id a 201 or 202 named, first answers and repeats alike, is a payment the store kept through the crash.
        assertThat(settled.keySet()).as("payments answered before or after the crash").containsAll(burst.answeredIds);
        System.out.printf("KILL_MONGO answered_ids=%d answers_without_a_payment=%d %s%n", burst.answeredIds.size(),
                burst.answersWithoutAPayment.get(), burst.answersWithoutAPaymentByStatus);
    }

    @Test
    void settles_every_payment_exactly_once_when_the_broker_stops_for_10_seconds_during_a_burst() throws InterruptedException {
        assumeTrue(stack.controlsTheBroker(), "the broker is not this machine's own RabbitMQ, so the test cannot stop it");
        bank.injectFaults("{\"latency_fixed_ms\": 300, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("broker-restart", 150);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        brokerStopped = true;
        stack.stopBroker();
        Thread.sleep(Duration.ofSeconds(10));
        stack.startBroker();
        brokerStopped = false;
        requests.join();

        assertInvariants(burst, before);
    }

    @Test
    void settles_every_payment_when_the_bank_is_down_for_10_seconds_during_a_burst() throws InterruptedException {
        bank.injectFaults("{\"latency_fixed_ms\": 200, \"latency_jitter_ms\": 50}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("bank-down", 120);

        // Spread over 4 s, so that payments keep coming while the bank is down: sent all at once to a warm stack,
        // every request may reach the bank before the switch (a run saw bank_refused_while_down=0), none refused.
        CompletableFuture<Void> requests = CompletableFuture.runAsync(() -> burst.sendSpreadOver(Duration.ofSeconds(4)));
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        bank.injectFaults("{\"down\": true}");
        Thread.sleep(Duration.ofSeconds(10));
        bank.injectFaults("{\"down\": false}");
        requests.join();

        assertThat(bank.stats().since(before).refusedWhileDown()).as("requests the bank refused while down").isPositive();
        assertInvariants(burst, before);
    }

    @Test
    void settles_every_payment_when_the_bank_hangs_past_the_adapters_read_timeout() {
        // 5.5 s: just past the adapter's 5 s read timeout, so a hung call costs the adapter one timeout and a retry.
        bank.injectFaults("{\"latency_fixed_ms\": 50, \"hang_rate\": 0.2, \"hang_for_ms\": 5500}");
        PiggyBank.Stats before = bank.stats();
        PaymentBurst burst = burst("bank-hangs", 60);

        burst.sendAllAtOnce();

        assertInvariants(burst, before);
    }

    @Test
    void ignores_result_events_delivered_twice_and_dead_letters_messages_nobody_can_read() {
        try (Broker broker = new Broker(stack.rabbitUri())) {
            String resultsTap = broker.tap(Topology.AUTHORIZATION_RESULTS_EXCHANGE, "#");
            String resultsDeadLetters = Topology.deadLetterQueue(Topology.PAYMENT_RESULTS_QUEUE);
            String commandsDeadLetters = Topology.deadLetterQueue(Topology.acquirerQueue(PIGGYBANK));
            PiggyBank.Stats before = bank.stats();
            PaymentBurst burst = burst("duplicates-and-poison", 40);
            burst.sendAllAtOnce();
            Map<String, JsonNode> settled = burst.awaitFinal(FINAL_DEADLINE.plus(SETTLING_MARGIN));
            List<Broker.Delivered> results = broker.drain(resultsTap);
            broker.untap(resultsTap);
            assertThat(results).as("result events seen on the bus").hasSizeGreaterThanOrEqualTo(burst.size);
            long resultsDeadLettered = broker.messageCount(resultsDeadLetters);
            long commandsDeadLettered = broker.messageCount(commandsDeadLetters);
            PiggyBank.Stats settledBank = bank.stats();

            // Every result again, twice, exactly as it travelled the first time (same message id and headers).
            for (Broker.Delivered result : results) {
                broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, result.routingKey(), result.properties(), result.body());
                broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, result.routingKey(), result.properties(), result.body());
            }
            // A result nobody can parse, one of a contract version nobody knows (both for an instance that does not
            // exist, so that the alternate exchange hands them to the shared queue), and a command nobody can parse.
            Broker.Delivered sample = results.getFirst();
            String nobodysInstance = Topology.resultRoutingKey("fault-suite");
            broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, nobodysInstance, sample.properties(),
                    "{\"paymentId\": ".getBytes(StandardCharsets.UTF_8));
            broker.publish(Topology.AUTHORIZATION_RESULTS_EXCHANGE, nobodysInstance,
                    withHeader(sample.properties(), MessageHeaders.VERSION, 99), sample.body());
            broker.publish(Topology.AUTHORIZATIONS_EXCHANGE, Topology.authorizeRoutingKey(PIGGYBANK),
                    new AMQP.BasicProperties.Builder().contentType("application/json").messageId("pay_poison")
                            .headers(Map.of(MessageHeaders.TYPE, AuthorizePayment.TYPE, MessageHeaders.VERSION, AuthorizePayment.VERSION))
                            .build(),
                    "[\"not a command\"]".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(broker.messageCount(resultsDeadLetters)).as("results dead-lettered").isEqualTo(resultsDeadLettered + 2);
                assertThat(broker.messageCount(commandsDeadLetters)).as("commands dead-lettered").isEqualTo(commandsDeadLettered + 1);
                assertThat(broker.messageCount(Topology.PAYMENT_RESULTS_QUEUE)).as("results still queued").isZero();
            });
            Map<String, JsonNode> afterwards = new ConcurrentHashMap<>();
            burst.idByKey.values().parallelStream().forEach(id -> afterwards.put(id, gateway.get("/payments/" + id, apiKey).json()));
            assertThat(afterwards).as("every payment exactly as it was settled").isEqualTo(settled);
            assertThat(bank.stats().since(settledBank).approvals()).as("bank calls caused by the duplicates").isZero();
            System.out.printf("DUPLICATES results_redelivered=%d results_dead_lettered=%d commands_dead_lettered=%d payments_changed=0%n",
                    2L * results.size(), broker.messageCount(resultsDeadLetters) - resultsDeadLettered,
                    broker.messageCount(commandsDeadLetters) - commandsDeadLettered);

            assertInvariants(burst, before);
        }
    }

    private static AMQP.BasicProperties withHeader(AMQP.BasicProperties properties, String name, Object value) {
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(name, value);
        return properties.builder().headers(headers).build();
    }

    /** Checks the invariants, prints their figures, and returns the payments as they ended. */
    private static Map<String, JsonNode> assertInvariants(PaymentBurst burst, PiggyBank.Stats before) {
        PaymentBurst.Settled settled = burst.settle(FINAL_DEADLINE.plus(SETTLING_MARGIN));
        long authorized = settled.authorized();
        // Reversals of payments the bank approved but the gateway declined may still be on their way; one the adapter
        // parked in its retry queue comes back after ACQUIRER_REVERSAL_RETRY_DELAY (30 s) alone.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> unreversedApprovals(bank.stats().since(before)) <= authorized);
        PiggyBank.Stats after = bank.stats();
        PiggyBank.Stats during = after.since(before);

        System.out.printf("INVARIANTS %s: %s "
                        + "bank_approvals=%d bank_reversals=%d bank_hung=%d bank_refused_while_down=%d approved_more_than_once=%d "
                        + "approvals_without_idempotency_key=%d forgotten_idempotency_keys=%d%n",
                burst.scenario, settled.summary(), during.approvals(), during.reversals(),
                during.hung(), during.refusedWhileDown(),
                after.approvedMoreThanOnce(), after.approvalsWithoutIdempotencyKey(), after.forgottenIdempotencyKeys());

        settled.assertOnePaymentPerKey();
        assertThat(after.approvedMoreThanOnce()).isZero();
        assertThat(after.approvalsWithoutIdempotencyKey()).isZero();
        assertThat(after.forgottenIdempotencyKeys()).isZero();
        assertThat(unreversedApprovals(during))
                .as("bank approvals not reversed must be exactly the Authorized payments").isEqualTo(authorized);
        return settled.payments;
    }

    private static long unreversedApprovals(PiggyBank.Stats stats) {
        return stats.approvals() - stats.reversals();
    }

    private static long count(Map<String, JsonNode> payments, String field, String value) {
        return payments.values().stream().filter(payment -> value.equals(payment.path(field).asString())).count();
    }

    /** A burst of payments for the suite's merchant: every fifth card declined, the others approved. */
    private static PaymentBurst burst(String scenario, int size) {
        return new PaymentBurst(scenario, size, gateway, apiKey, (index, reference) -> """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "GBP", "reference": "%s", "capture": false}
                """.formatted(index % 5 == 4 ? DECLINED_CARD : APPROVED_CARD, 100 + index, reference));
    }
}
