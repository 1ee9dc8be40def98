package io.paygate.systemtests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment lifecycle under faults, at the Piggy Bank: a burst of payments authorised with {@code capture: false},
 * then captures (full, partial non-final followed by final, partial final) while the acquirer adapter is killed and
 * restarted, then refunds (partial followed by the rest, or partial alone) while the bank is down. Once every action
 * has the bank's answer, PayGate and the bank must agree on every minor unit: the payments' summed
 * {@code total_captured} and {@code total_refunded} are what the bank captured and refunded meanwhile, nothing was
 * captured beyond an authorisation nor refunded beyond a capture, and no action is left pending.
 *
 * <p>Captures, voids and refunds are re-sent by payment-service (the action id is the bank's idempotency key) after
 * {@code PAYMENT_RESEND_AFTER=6s}, doubling up to {@code paygate.payments.reversal-retry-max}, which {@link LocalStack}
 * caps at 20 s for the stack.
 */
@ExtendWith(SharedStack.Extension.class)
class PaymentLifecycleFaultToleranceIT {

    private static final String ACQUIRER = "acquirer-piggybank-service";
    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    private static final int PAYMENTS = 60;
    /** The stack's PAYMENT_FINAL_DEADLINE plus the sweeper's and the client's margin. */
    private static final Duration AUTHORISATIONS_SETTLE_WITHIN = Duration.ofSeconds(45);
    /** The bank answers every action within seconds once it is reachable; re-sends come at most 20 s apart. */
    private static final Duration ACTIONS_SETTLE_WITHIN = Duration.ofSeconds(150);

    private static LocalStack stack;
    private static Gateway gateway;
    private static PiggyBank bank;
    private static SimulatorKnobs bankStats;
    private static String apiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        bank = new PiggyBank(stack);
        bankStats = new SimulatorKnobs(stack, "PIGGYBANK_PORT", "piggybank-control-token");
        apiKey = running.createMerchant("Lifecycle Fault Shop", List.of("GBP"));
    }

    @BeforeEach
    void waitForAHealthyStack() {
        StackHealth.awaitUp(List.of(
                StackHealth.healthOf(stack, "PAYMENT_SERVICE_PORT", ""), StackHealth.healthOf(stack, "PAYMENT_SERVICE_2_PORT", ""),
                StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", ""), StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", "/bank")));
    }

    /**
     * No fault left, the adapter running, and its circuit breaker's window filled with approvals again: the bank's
     * outage put failed refunds in it, which would make the next class's own failures open it.
     */
    @AfterEach
    void restoreTheStack() {
        try {
            bank.clearFaults();
        } finally {
            if (!stack.isRunning(ACQUIRER)) {
                stack.start(ACQUIRER);
            }
        }
        waitForAHealthyStack();
        PiggyBank.refillBreakerWindowWithApprovals(stack, gateway, apiKey);
    }

    @Test
    void captures_and_refunds_every_payment_exactly_once_when_the_adapter_is_killed_and_the_bank_goes_down()
            throws InterruptedException {
        Instant started = Instant.now();
        ActionStats before = quietBankStats();

        // 1. Authorisations only: every fifth card declined, the others Authorized and left for the merchant to capture.
        bank.injectFaults("{\"latency_fixed_ms\": 200, \"latency_jitter_ms\": 50}");
        PaymentBurst burst = new PaymentBurst("lifecycle", PAYMENTS, gateway, apiKey, (index, reference) -> """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": %d, "currency": "GBP", "reference": "%s", "capture": false}
                """.formatted(index % 5 == 4 ? DECLINED_CARD : APPROVED_CARD, 1000 + 10 * index, reference));
        burst.sendAllAtOnce();
        PaymentBurst.Settled authorisations = burst.settle(AUTHORISATIONS_SETTLE_WITHIN);
        authorisations.assertOnePaymentPerKey();
        List<JsonNode> authorised = authorisations.payments.values().stream()
                .filter(payment -> "Authorized".equals(payment.path("status").asString()))
                .sorted(Comparator.comparing(payment -> payment.path("id").asString()))
                .toList();
        assertThat(authorised).as("payments authorised and not captured").hasSize(PAYMENTS * 4 / 5);
        Instant authorisedAt = Instant.now();

        // 2. Captures, while the adapter is killed in the middle of bank calls and started again.
        bank.injectFaults("{\"latency_fixed_ms\": 500, \"latency_jitter_ms\": 100}");
        Map<String, Long> expectedCaptured = new ConcurrentHashMap<>();
        List<ActionRequest> captures = new ArrayList<>();
        for (int k = 0; k < authorised.size(); k++) {
            String id = authorised.get(k).path("id").asString();
            long amount = authorised.get(k).path("amount").asLong();
            switch (k % 3) {
                case 0 -> {
                    captures.add(new ActionRequest(id, "captures", "{}"));
                    expectedCaptured.put(id, amount);
                }
                case 1 -> {
                    captures.add(new ActionRequest(id, "captures",
                            "{\"amount\": %d, \"capture_type\": \"NonFinal\"}".formatted(amount / 2)));
                    captures.add(new ActionRequest(id, "captures",
                            "{\"amount\": %d, \"capture_type\": \"Final\"}".formatted(amount / 4)));
                    expectedCaptured.put(id, amount / 2 + amount / 4);
                }
                default -> {
                    captures.add(new ActionRequest(id, "captures",
                            "{\"amount\": %d, \"capture_type\": \"Final\"}".formatted(amount * 2 / 3)));
                    expectedCaptured.put(id, amount * 2 / 3);
                }
            }
        }
        ActionClient captureClient = new ActionClient();
        CompletableFuture<Void> captureRequests = CompletableFuture.runAsync(() -> captureClient.sendInOrderPerPayment(captures));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> actionStats().since(before).captures() >= 5);
        stack.kill(ACQUIRER);
        stack.start(ACQUIRER);
        captureRequests.join();
        captureClient.assertEveryRequestAccepted(captures.size());
        Map<String, List<JsonNode>> afterCaptures = awaitEveryActionAnswered(expectedCaptured.keySet());
        Instant capturedAt = Instant.now();
        for (String id : expectedCaptured.keySet()) {
            assertThat(totalOfApproved(afterCaptures.get(id), "Capture")).as("captured of " + id)
                    .isEqualTo(expectedCaptured.get(id));
        }

        // 3. Refunds, while the bank is down for 12 s, then back.
        bank.injectFaults("{\"latency_fixed_ms\": 200, \"latency_jitter_ms\": 50}");
        Map<String, Long> expectedRefunded = new ConcurrentHashMap<>();
        List<ActionRequest> refunds = new ArrayList<>();
        List<String> captured = expectedCaptured.keySet().stream().sorted().toList();
        for (int k = 0; k < captured.size(); k++) {
            String id = captured.get(k);
            long capturedAmount = expectedCaptured.get(id);
            if (k % 2 == 0) {
                refunds.add(new ActionRequest(id, "refunds", "{\"amount\": %d}".formatted(capturedAmount / 2)));
                refunds.add(new ActionRequest(id, "refunds", "{\"reference\": \"REFUND-REST\"}"));
                expectedRefunded.put(id, capturedAmount);
            } else {
                refunds.add(new ActionRequest(id, "refunds", "{\"amount\": %d}".formatted(capturedAmount / 3)));
                expectedRefunded.put(id, capturedAmount / 3);
            }
        }
        ActionStats beforeRefunds = actionStats();
        ActionClient refundClient = new ActionClient();
        CompletableFuture<Void> refundRequests = CompletableFuture.runAsync(
                () -> refundClient.sendInOrderPerPayment(refunds));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> actionStats().since(beforeRefunds).refunds() >= 3);
        bank.injectFaults("{\"down\": true}");
        Thread.sleep(Duration.ofSeconds(12));
        bank.injectFaults("{\"down\": false}");
        refundRequests.join();
        refundClient.assertEveryRequestAccepted(refunds.size());
        long refusedWhileDown = actionStats().since(beforeRefunds).refusedWhileDown();
        Map<String, List<JsonNode>> afterRefunds = awaitEveryActionAnswered(expectedCaptured.keySet());
        Instant refundedAt = Instant.now();

        // 4. Invariants.
        Map<String, JsonNode> payments = new ConcurrentHashMap<>();
        expectedCaptured.keySet().parallelStream().forEach(id -> {
            Gateway.Reply read = gateway.get("/payments/" + id, apiKey);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            payments.put(id, read.json());
        });
        ActionStats after = actionStats();
        ActionStats during = after.since(before);
        long payGateCaptured = payments.values().stream().mapToLong(p -> p.path("balances").path("total_captured").asLong()).sum();
        long payGateRefunded = payments.values().stream().mapToLong(p -> p.path("balances").path("total_refunded").asLong()).sum();
        long approvedCaptures = afterRefunds.values().stream().mapToLong(actions -> countApproved(actions, "Capture")).sum();
        long approvedRefunds = afterRefunds.values().stream().mapToLong(actions -> countApproved(actions, "Refund")).sum();
        System.out.printf("LIFECYCLE payments=%d authorised=%d capture_requests=%d refund_requests=%d "
                        + "capture_answers_without_an_action=%s refund_answers_without_an_action=%s "
                        + "paygate_captured=%d bank_captured=%d paygate_refunded=%d bank_refunded=%d "
                        + "approved_captures=%d bank_captures=%d approved_refunds=%d bank_refunds=%d "
                        + "bank_actions_replayed=%d bank_actions_declined=%d bank_refused_while_down=%d "
                        + "captured_more_than_authorized=%d refunded_more_than_captured=%d "
                        + "authorised_s=%d captured_s=%d refunded_s=%d%n",
                PAYMENTS, authorised.size(), captures.size(), refunds.size(), captureClient.answersWithoutAnAction,
                refundClient.answersWithoutAnAction, payGateCaptured, during.capturedTotal(), payGateRefunded,
                during.refundedTotal(), approvedCaptures, during.captures(), approvedRefunds, during.refunds(),
                during.actionsReplayed(), during.actionsDeclined(), refusedWhileDown,
                after.capturedMoreThanAuthorized(), after.refundedMoreThanCaptured(),
                Duration.between(started, authorisedAt).toSeconds(), Duration.between(authorisedAt, capturedAt).toSeconds(),
                Duration.between(capturedAt, refundedAt).toSeconds());

        assertThat(refusedWhileDown).as("refunds the bank refused while down").isPositive();
        assertThat(after.capturedMoreThanAuthorized()).as("captured_more_than_authorized").isZero();
        assertThat(after.refundedMoreThanCaptured()).as("refunded_more_than_captured").isZero();
        assertThat(payGateCaptured).as("PayGate's total_captured against the bank's captured_total")
                .isEqualTo(during.capturedTotal());
        assertThat(payGateRefunded).as("PayGate's total_refunded against the bank's refunded_total")
                .isEqualTo(during.refundedTotal());
        assertThat(approvedCaptures).as("approved Capture actions against the bank's captures").isEqualTo(during.captures());
        assertThat(approvedRefunds).as("approved Refund actions against the bank's refunds").isEqualTo(during.refunds());
        payments.forEach((id, payment) -> {
            JsonNode balances = payment.path("balances");
            long totalCaptured = balances.path("total_captured").asLong();
            long totalRefunded = balances.path("total_refunded").asLong();
            assertThat(totalCaptured).as("captured of " + id).isEqualTo(expectedCaptured.get(id))
                    .isLessThanOrEqualTo(balances.path("total_authorized").asLong());
            assertThat(totalRefunded).as("refunded of " + id).isEqualTo(expectedRefunded.get(id))
                    .isLessThanOrEqualTo(totalCaptured);
            assertThat(balances.path("available_to_refund").asLong()).as("available_to_refund of " + id)
                    .isEqualTo(totalCaptured - totalRefunded);
            assertThat(payment.path("status").asString()).as("status of " + id)
                    .isEqualTo(totalRefunded == totalCaptured ? "Refunded" : "Partially Refunded");
        });
    }

    /** A capture or refund the client asks for: {@code POST /payments/{paymentId}/{kind}} with the body. */
    private record ActionRequest(String paymentId, String kind, String body) {
    }

    /**
     * Sends the actions of every payment in their order (a payment's second capture or refund after its first was
     * accepted), the payments all at once. Each request carries an idempotency key and is retried with it until it
     * is answered 202, then sent once more as if the answer had been lost: the repeat must name the same action.
     */
    private static final class ActionClient {

        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> answersWithoutAnAction = new ConcurrentHashMap<>();
        final AtomicInteger accepted = new AtomicInteger();

        void sendInOrderPerPayment(List<ActionRequest> requests) {
            Map<String, List<ActionRequest>> byPayment = new java.util.LinkedHashMap<>();
            requests.forEach(request -> byPayment.computeIfAbsent(request.paymentId(), id -> new ArrayList<>()).add(request));
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                byPayment.values().forEach(ofOnePayment -> clients.submit(() -> {
                    for (int i = 0; i < ofOnePayment.size(); i++) {
                        ActionRequest request = ofOnePayment.get(i);
                        String key = request.paymentId() + "-" + request.kind() + "-" + i;
                        try {
                            String first = sendUntilAccepted(request, key);
                            String repeated = sendUntilAccepted(request, key);
                            if (!first.equals(repeated)) {
                                failures.add(key + ": repeated as " + repeated + ", first " + first);
                            }
                            accepted.incrementAndGet();
                        } catch (RuntimeException | AssertionError e) {
                            failures.add(key + ": " + e);
                            return;
                        }
                    }
                }));
            }
        }

        private String sendUntilAccepted(ActionRequest request, String key) {
            String[] actionId = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        try {
                            Gateway.Reply reply = gateway.post("/payments/" + request.paymentId() + "/" + request.kind(),
                                    apiKey, key, request.body());
                            if (reply.status() == 202) {
                                actionId[0] = reply.text("action_id");
                                return true;
                            }
                            assertThat(reply.status()).as(request + ": " + reply.body()).isIn(409, 502, 503, 504);
                            answersWithoutAnAction.computeIfAbsent(String.valueOf(reply.status()), s -> new AtomicInteger())
                                    .incrementAndGet();
                            return false;
                        } catch (UncheckedIOException e) {
                            answersWithoutAnAction.computeIfAbsent(e.getCause().getClass().getSimpleName(),
                                    s -> new AtomicInteger()).incrementAndGet();
                            return false;
                        }
                    });
            assertThat(actionId[0]).as(request.toString()).startsWith("act_");
            return actionId[0];
        }

        void assertEveryRequestAccepted(int expected) {
            assertThat(failures).as("action requests without a 202, or repeats naming another action").isEmpty();
            assertThat(accepted).as("action requests accepted").hasValue(expected);
        }
    }

    /**
     * Reads the actions of every payment until none is pending (an answered action has {@code approved}), and
     * returns them.
     */
    private static Map<String, List<JsonNode>> awaitEveryActionAnswered(java.util.Set<String> paymentIds) {
        Map<String, List<JsonNode>> answered = new ConcurrentHashMap<>();
        Map<String, String> stillPending = new ConcurrentHashMap<>();
        await().atMost(ACTIONS_SETTLE_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .alias("every capture and refund answered by the bank; still pending: " + stillPending)
                .until(() -> {
                    paymentIds.parallelStream().filter(id -> !answered.containsKey(id)).forEach(id -> {
                        Gateway.Reply read = gateway.get("/payments/" + id + "/actions", apiKey);
                        if (read.status() != 200) {
                            stillPending.put(id, "HTTP " + read.status());
                            return;
                        }
                        List<JsonNode> actions = new ArrayList<>();
                        read.json().forEach(actions::add);
                        List<String> pending = actions.stream().filter(action -> !action.has("approved"))
                                .map(action -> action.path("type").asString() + " " + action.path("id").asString()).toList();
                        if (pending.isEmpty()) {
                            answered.put(id, actions);
                            stillPending.remove(id);
                        } else {
                            stillPending.put(id, pending.toString());
                        }
                    });
                    return answered.size() == paymentIds.size();
                });
        return answered;
    }

    private static long totalOfApproved(List<JsonNode> actions, String type) {
        return approved(actions, type).mapToLong(action -> action.path("amount").asLong()).sum();
    }

    private static long countApproved(List<JsonNode> actions, String type) {
        return approved(actions, type).count();
    }

    private static java.util.stream.Stream<JsonNode> approved(List<JsonNode> actions, String type) {
        return actions.stream().filter(action -> type.equals(action.path("type").asString()))
                .filter(action -> action.path("approved").asBoolean());
    }

    /**
     * The bank's action counters once they have stopped moving for 3 s: actions of earlier classes' payments (their
     * automatic captures, re-sends) would otherwise count in this scenario's deltas.
     */
    private static ActionStats quietBankStats() {
        ActionStats[] last = {actionStats()};
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(3))
                .alias("the bank's action counters at rest")
                .until(() -> {
                    ActionStats now = actionStats();
                    boolean quiet = now.equals(last[0]);
                    last[0] = now;
                    return quiet;
                });
        return last[0];
    }

    private static ActionStats actionStats() {
        JsonNode stats = bankStats.stats();
        Function<String, Long> field = name -> {
            assertThat(stats.has(name)).as("the bank's stats have " + name + ": " + stats).isTrue();
            return stats.path(name).asLong();
        };
        return new ActionStats(field.apply("captures"), field.apply("captured_total"), field.apply("refunds"),
                field.apply("refunded_total"), field.apply("voided"), field.apply("actions_replayed"),
                field.apply("actions_declined"), field.apply("captured_more_than_authorized"),
                field.apply("refunded_more_than_captured"), field.apply("refused_while_down"));
    }

    /** The Piggy Bank's counters of captures, voids and refunds, counted since it started. */
    private record ActionStats(long captures, long capturedTotal, long refunds, long refundedTotal, long voided,
                               long actionsReplayed, long actionsDeclined, long capturedMoreThanAuthorized,
                               long refundedMoreThanCaptured, long refusedWhileDown) {

        ActionStats since(ActionStats earlier) {
            return new ActionStats(captures - earlier.captures, capturedTotal - earlier.capturedTotal,
                    refunds - earlier.refunds, refundedTotal - earlier.refundedTotal, voided - earlier.voided,
                    actionsReplayed - earlier.actionsReplayed, actionsDeclined - earlier.actionsDeclined,
                    capturedMoreThanAuthorized - earlier.capturedMoreThanAuthorized,
                    refundedMoreThanCaptured - earlier.refundedMoreThanCaptured,
                    refusedWhileDown - earlier.refusedWhileDown);
        }
    }
}
