package io.paygate.systemtests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into the running stack while payments are in flight, each test ending with the same invariants:
 * every payment the client got an id for becomes final before the final deadline (plus a margin), there is exactly
 * one payment per idempotency key, the bank approved nothing twice, and every bank approval is either an
 * {@code Authorized} payment or was reversed (so no {@code 20068}/{@code 20091} decline keeps the customer's money
 * and no {@code Authorized} payment was reversed).
 *
 * <p>The stack runs with {@code PAYMENT_RESEND_AFTER=6s} and {@code PAYMENT_FINAL_DEADLINE=25s} (see
 * {@link LocalStack}); each test restores the bank's knobs and the adapter whatever happens.
 */
@ExtendWith(SharedStack.Extension.class)
class FaultToleranceIT {

    private static final String ACQUIRER = "acquirer-piggybank-service";
    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    private static final Duration FINAL_DEADLINE = Duration.ofSeconds(25);
    /** Time for the sweeper's pass after the deadline and for the client's polling. */
    private static final Duration SETTLING_MARGIN = Duration.ofSeconds(20);
    private static final Set<String> FINAL_STATUSES = Set.of("Authorized", "Declined");

    private static LocalStack stack;
    private static Gateway gateway;
    private static PiggyBank bank;
    private static String apiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        bank = new PiggyBank(stack);
        apiKey = running.createMerchant("Fault Suite Shop", List.of("GBP"));
    }

    /**
     * A test starts from a bank the adapter trusts: a circuit breaker still open (or half open) from an earlier
     * outage declines payments {@code 20091} at once, and nothing would reach the bank.
     */
    @BeforeEach
    void waitForTheAdapterToTrustTheBank() {
        URI bankHealth = URI.create("http://127.0.0.1:" + stack.port("ACQUIRER_PIGGYBANK_PORT") + "/actuator/health/bank");
        try (HttpClient client = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> client.send(HttpRequest.newBuilder(bankHealth).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
    }

    @AfterEach
    void restoreTheStack() {
        try {
            bank.clearFaults();
        } finally {
            if (!stack.isRunning(ACQUIRER)) {
                stack.start(ACQUIRER);
            }
        }
    }

    @Test
    void settles_every_payment_exactly_once_when_the_acquirer_adapter_is_killed_mid_flight() {
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        Burst burst = new Burst("kill-adapter", 200, false);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        stack.kill(ACQUIRER);
        stack.start(ACQUIRER);
        requests.join();

        assertInvariants(burst, before);
    }

    @Test
    void settles_every_payment_once_for_a_client_that_retries_every_request_while_the_adapter_is_killed() {
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        PiggyBank.Stats before = bank.stats();
        Burst burst = new Burst("retrying-client", 200, true);

        CompletableFuture<Void> requests = CompletableFuture.runAsync(burst::sendAllAtOnce);
        await().atMost(Duration.ofSeconds(30)).until(() -> bank.stats().since(before).approvals() >= 10);
        stack.kill(ACQUIRER);
        stack.start(ACQUIRER);
        requests.join();

        assertThat(burst.repeatsAnsweredWithAnotherPayment).as("a repeated key answered with another payment").hasValue(0);
        assertInvariants(burst, before);
    }

    @Test
    void settles_every_payment_when_the_bank_hangs_past_the_adapters_read_timeout() {
        // 5.5 s: just past the adapter's 5 s read timeout, so a hung call costs the adapter one timeout and a retry.
        bank.injectFaults("{\"latency_fixed_ms\": 50, \"hang_rate\": 0.2, \"hang_for_ms\": 5500}");
        PiggyBank.Stats before = bank.stats();
        Burst burst = new Burst("bank-hangs", 60, false);

        burst.sendAllAtOnce();

        assertInvariants(burst, before);
    }

    private static void assertInvariants(Burst burst, PiggyBank.Stats before) {
        assertThat(burst.failures).as("requests without an answer").isEmpty();
        assertThat(burst.idByKey).as("a payment id for every key").hasSize(burst.size);

        Map<String, JsonNode> finalPayments = new ConcurrentHashMap<>();
        Duration settleBy = FINAL_DEADLINE.plus(SETTLING_MARGIN).minus(Duration.between(burst.firstRequest, Instant.now()));
        await().atMost(settleBy.isNegative() ? Duration.ofSeconds(1) : settleBy)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    burst.idByKey.values().parallelStream()
                            .filter(id -> !finalPayments.containsKey(id))
                            .forEach(id -> {
                                Gateway.Reply read = gateway.get("/payments/" + id, apiKey);
                                if (read.status() == 200 && FINAL_STATUSES.contains(read.text("status"))) {
                                    finalPayments.put(id, read.json());
                                }
                            });
                    return finalPayments.size() == burst.idByKey.size();
                });
        long settledInMillis = Duration.between(burst.firstRequest, Instant.now()).toMillis();

        Gateway.Reply listed = gateway.get("/payments?reference=" + burst.reference + "&limit=1", apiKey);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        long paymentsWithTheReference = listed.json().path("total_count").asLong();
        long distinctIds = Set.copyOf(burst.idByKey.values()).size();

        long authorized = count(finalPayments, "status", "Authorized");
        long deadlineDeclines = count(finalPayments, "response_code", "20068");
        long unavailableDeclines = count(finalPayments, "response_code", "20091");
        // Reversals of payments the bank approved but the gateway declined may still be on their way.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> unreversedApprovals(bank.stats().since(before)) <= authorized);
        PiggyBank.Stats after = bank.stats();
        PiggyBank.Stats during = after.since(before);

        System.out.printf("INVARIANTS %s: keys=%d ids=%d distinct_ids=%d payments_with_reference=%d requests=%d final=%d "
                        + "authorized=%d declined=%d declined_20068=%d declined_20091=%d settled_ms=%d "
                        + "bank_approvals=%d bank_reversals=%d bank_hung=%d bank_refused_while_down=%d approved_more_than_once=%d "
                        + "approvals_without_idempotency_key=%d forgotten_idempotency_keys=%d%n",
                burst.scenario, burst.size, burst.idByKey.size(), distinctIds, paymentsWithTheReference,
                burst.requestsSent.get(), finalPayments.size(), authorized, finalPayments.size() - authorized,
                deadlineDeclines, unavailableDeclines, settledInMillis, during.approvals(), during.reversals(),
                during.hung(), during.refusedWhileDown(),
                after.approvedMoreThanOnce(), after.approvalsWithoutIdempotencyKey(), after.forgottenIdempotencyKeys());

        assertThat(distinctIds).isEqualTo(burst.size);
        assertThat(paymentsWithTheReference).isEqualTo(burst.size);
        assertThat(after.approvedMoreThanOnce()).isZero();
        assertThat(after.approvalsWithoutIdempotencyKey()).isZero();
        assertThat(after.forgottenIdempotencyKeys()).isZero();
        assertThat(unreversedApprovals(during))
                .as("bank approvals not reversed must be exactly the Authorized payments").isEqualTo(authorized);
    }

    private static long unreversedApprovals(PiggyBank.Stats stats) {
        return stats.approvals() - stats.reversals();
    }

    private static long count(Map<String, JsonNode> payments, String field, String value) {
        return payments.values().stream().filter(payment -> value.equals(payment.path(field).asString())).count();
    }

    /** A run's payments: one idempotency key each, all with the same reference unique to the run. */
    private static final class Burst {

        final String scenario;
        final String reference = "FAULT-" + UUID.randomUUID().toString().substring(0, 8);
        final int size;
        final boolean retrying;
        final Map<String, String> idByKey = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requestsSent = new AtomicInteger();
        final AtomicInteger repeatsAnsweredWithAnotherPayment = new AtomicInteger();
        volatile Instant firstRequest = Instant.now();

        Burst(String scenario, int size, boolean retrying) {
            this.scenario = scenario;
            this.size = size;
            this.retrying = retrying;
        }

        void sendAllAtOnce() {
            firstRequest = Instant.now();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                IntStream.range(0, size).forEach(i -> clients.submit(() -> pay(i)));
            }
        }

        private void pay(int index) {
            String key = reference + "-" + index;
            String body = """
                    {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                     "amount": %d, "currency": "GBP", "reference": "%s"}
                    """.formatted(index % 5 == 4 ? DECLINED_CARD : APPROVED_CARD, 100 + index, reference);
            try {
                if (retrying) {
                    String first = payUntilAnswered(key, body);
                    // The client lost the first answer (as far as it knows) and sends the request again.
                    String repeated = payUntilAnswered(key, body);
                    idByKey.put(key, first);
                    if (!first.equals(repeated)) {
                        repeatsAnsweredWithAnotherPayment.incrementAndGet();
                    }
                } else {
                    Gateway.Reply reply = send(key, body);
                    if (reply.status() == 201 || reply.status() == 202) {
                        idByKey.put(key, reply.text("id"));
                    } else {
                        failures.add(key + ": " + reply.status() + " " + reply.body());
                    }
                }
            } catch (RuntimeException e) {
                failures.add(key + ": " + e);
            }
        }

        /** Sends the same request with the same key until it gets 201 or 202, as a retrying client does. */
        private String payUntilAnswered(String key, String body) {
            String[] id = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        try {
                            Gateway.Reply reply = send(key, body);
                            if (reply.status() == 201 || reply.status() == 202) {
                                id[0] = reply.text("id");
                                return true;
                            }
                            assertThat(reply.status()).as(reply.body()).isIn(409, 500, 502, 503, 504);
                            return false;
                        } catch (UncheckedIOException e) {
                            return false;
                        }
                    });
            return id[0];
        }

        private Gateway.Reply send(String key, String body) {
            requestsSent.incrementAndGet();
            return gateway.post("/payments", apiKey, key, body);
        }
    }
}
