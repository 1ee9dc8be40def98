package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault scenario's payments, shared by the fault suites of every bank: one idempotency key each, all with the same
 * reference unique to the run, sent by a client that retries every request with its key until it is answered, then
 * repeats it once as if the answer had been lost (every repeat must name the payment the first answer named).
 *
 * <p>{@link #settle} checks what the client saw and waits until every payment is final; what each bank must have
 * done is the fault suite's business, since their counters differ.
 */
final class PaymentBurst {

    /**
     * The statuses an authorisation ends in. A payment is captured automatically once approved unless it was
     * requested with {@code "capture": false}, which the bursts' requests say so that an approved payment stays
     * {@code Authorized} (the lifecycle's own fault scenario captures and refunds them itself).
     */
    private static final Set<String> FINAL_STATUSES = Set.of("Authorized", "Declined");

    /** The JSON body of the burst's {@code index}-th payment, which must carry {@code reference}. */
    @FunctionalInterface
    interface Request {
        String body(int index, String reference);
    }

    final String scenario;
    final String reference = "FAULT-" + UUID.randomUUID().toString().substring(0, 8);
    final int size;
    final Map<String, String> idByKey = new ConcurrentHashMap<>();
    /** Every payment id a 201 or 202 answer named. */
    final Set<String> answeredIds = ConcurrentHashMap.newKeySet();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requestsSent = new AtomicInteger();
    /** Requests answered with an error or cut off, so that the client sent them again. */
    final AtomicInteger answersWithoutAPayment = new AtomicInteger();
    /** Those answers by status code, or by the exception of a request that got no answer from the gateway. */
    final Map<String, AtomicInteger> answersWithoutAPaymentByStatus = new ConcurrentSkipListMap<>();
    final AtomicInteger repeatsAnsweredWithAnotherPayment = new AtomicInteger();
    volatile Instant firstRequest = Instant.now();
    /** When the last payment's first request was sent: its final deadline is the last to fall. */
    volatile Instant lastRequest = firstRequest;

    private final Gateway gateway;
    private final String apiKey;
    private final Request request;

    PaymentBurst(String scenario, int size, Gateway gateway, String apiKey, Request request) {
        this.scenario = scenario;
        this.size = size;
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.request = request;
    }

    /** Sends every payment at once and returns when each has been answered twice (first request and repeat). */
    void sendAllAtOnce() {
        sendSpreadOver(Duration.ZERO);
    }

    /**
     * Starts the payments one after the other at an even pace over {@code spread}, each on a client of its own, and
     * returns when each has been answered twice.
     */
    void sendSpreadOver(Duration spread) {
        firstRequest = Instant.now();
        lastRequest = firstRequest;
        long gapNanos = size > 1 ? spread.toNanos() / (size - 1) : 0;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, size).forEach(i -> clients.submit(() -> {
                Duration wait = Duration.between(Instant.now(), firstRequest.plusNanos(gapNanos * i));
                if (wait.isPositive()) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failures.add(reference + "-" + i + ": interrupted before its first request");
                        return;
                    }
                }
                Instant now = Instant.now();
                synchronized (this) {
                    if (now.isAfter(lastRequest)) {
                        lastRequest = now;
                    }
                }
                pay(i);
            }));
        }
    }

    /**
     * Checks what the client saw (an answer for every request, every repeat answered with the same payment, no
     * {@code 500}, an id for every key) and waits until every payment is final, at the latest {@code settleWithin}
     * after the last payment was first sent (its final deadline plus a margin).
     */
    Settled settle(Duration settleWithin) {
        assertThat(failures).as("requests without an answer").isEmpty();
        assertThat(repeatsAnsweredWithAnotherPayment).as("a repeated key answered with another payment").hasValue(0);
        // 502, 503 and 504 tell a client to retry; a 500 would be a fault the gateway failed to recognise as one.
        assertThat(answersWithoutAPaymentByStatus).as("answers while faults were injected").doesNotContainKey("500");
        assertThat(idByKey).as("a payment id for every key").hasSize(size);

        Map<String, JsonNode> finalPayments = awaitFinal(settleWithin);
        long settledInMillis = Duration.between(firstRequest, Instant.now()).toMillis();
        Gateway.Reply listed = gateway.get("/payments?reference=" + reference + "&limit=1", apiKey);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return new Settled(finalPayments, Set.copyOf(idByKey.values()).size(), listed.json().path("total_count").asLong(),
                settledInMillis);
    }

    /**
     * Reads every payment of the burst until all are final, at the latest {@code settleWithin} after the last
     * payment was first sent.
     */
    Map<String, JsonNode> awaitFinal(Duration settleWithin) {
        Map<String, JsonNode> finalPayments = new ConcurrentHashMap<>();
        Duration settleBy = settleWithin.minus(Duration.between(lastRequest, Instant.now()));
        await().atMost(settleBy.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : settleBy)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    idByKey.values().parallelStream()
                            .filter(id -> !finalPayments.containsKey(id))
                            .forEach(id -> {
                                Gateway.Reply read = gateway.get("/payments/" + id, apiKey);
                                if (read.status() == 200 && FINAL_STATUSES.contains(read.text("status"))) {
                                    finalPayments.put(id, read.json());
                                }
                            });
                    return finalPayments.size() == idByKey.size();
                });
        return finalPayments;
    }

    private void pay(int index) {
        String key = reference + "-" + index;
        String body = request.body(index, reference);
        try {
            String first = payUntilAnswered(key, body);
            // The client lost the first answer (as far as it knows) and sends the request again.
            String repeated = payUntilAnswered(key, body);
            idByKey.put(key, first);
            if (!first.equals(repeated)) {
                repeatsAnsweredWithAnotherPayment.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.add(key + ": " + e);
        }
    }

    /**
     * Sends the same request with the same key until it gets 201 or 202, as a retrying client does: after a 409
     * (the first request is still in flight), a 5xx, or a connection the gateway lost.
     */
    private String payUntilAnswered(String key, String body) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    try {
                        Gateway.Reply reply = send(key, body);
                        if (reply.status() == 201 || reply.status() == 202) {
                            id[0] = reply.text("id");
                            answeredIds.add(id[0]);
                            return true;
                        }
                        assertThat(reply.status()).as(reply.body()).isIn(409, 500, 502, 503, 504);
                        if (reply.status() != 409) {
                            countAnswerWithoutAPayment(String.valueOf(reply.status()));
                        }
                        return false;
                    } catch (UncheckedIOException e) {
                        countAnswerWithoutAPayment(e.getCause().getClass().getSimpleName());
                        return false;
                    }
                });
        return id[0];
    }

    private void countAnswerWithoutAPayment(String status) {
        answersWithoutAPayment.incrementAndGet();
        answersWithoutAPaymentByStatus.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
    }

    private Gateway.Reply send(String key, String body) {
        requestsSent.incrementAndGet();
        return gateway.post("/payments", apiKey, key, body);
    }

    /** The burst once every payment is final: the payments as they ended, and what the client saw. */
    final class Settled {

        final Map<String, JsonNode> payments;
        final long distinctIds;
        final long paymentsWithTheReference;
        final long settledInMillis;

        private Settled(Map<String, JsonNode> payments, long distinctIds, long paymentsWithTheReference,
                        long settledInMillis) {
            this.payments = payments;
            this.distinctIds = distinctIds;
            this.paymentsWithTheReference = paymentsWithTheReference;
            this.settledInMillis = settledInMillis;
        }

        long authorized() {
            return count("status", "Authorized");
        }

        /** The final payments whose top-level {@code field} is {@code value}. */
        long count(String field, String value) {
            return payments.values().stream().filter(payment -> value.equals(payment.path(field).asString())).count();
        }

        /** The Authorized payments that {@code acquirer} processed ({@code processing.acquirer}). */
        long authorizedBy(String acquirer) {
            return payments.values().stream()
                    .filter(payment -> "Authorized".equals(payment.path("status").asString()))
                    .filter(payment -> acquirer.equals(payment.path("processing").path("acquirer").asString()))
                    .count();
        }

        /** Exactly one payment per idempotency key: as many distinct ids, and as many payments with the reference. */
        void assertOnePaymentPerKey() {
            assertThat(distinctIds).as("distinct payment ids").isEqualTo(size);
            assertThat(paymentsWithTheReference).as("payments with the burst's reference").isEqualTo(size);
        }

        /** What the client saw and how the payments ended, the first half of an {@code INVARIANTS} line. */
        String summary() {
            long authorized = authorized();
            return ("keys=%d ids=%d distinct_ids=%d payments_with_reference=%d requests=%d answers_without_a_payment=%d %s "
                    + "final=%d authorized=%d declined=%d declined_20068=%d declined_20091=%d settled_ms=%d").formatted(
                    size, idByKey.size(), distinctIds, paymentsWithTheReference, requestsSent.get(),
                    answersWithoutAPayment.get(), answersWithoutAPaymentByStatus, payments.size(), authorized,
                    payments.size() - authorized, count("response_code", "20068"), count("response_code", "20091"),
                    settledInMillis);
        }
    }
}
