package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank simulator's test knobs: its injected faults and what it decided. */
final class PiggyBank {

    /** The adapter's circuit breaker judges the last 20 payments ({@code paygate.piggybank.circuit-breaker}). */
    private static final int BREAKER_WINDOW = 20;

    private final SimulatorKnobs knobs;

    PiggyBank(LocalStack stack) {
        this.knobs = new SimulatorKnobs(stack, "PIGGYBANK_PORT", "piggybank-control-token");
    }

    /** Changes the named knobs, e.g. {@code {"latency_fixed_ms": 200}}; the others keep their values. */
    void injectFaults(String knobsJson) {
        knobs.injectFaults(knobsJson);
    }

    /** Back to the configured knobs: no fault at all. */
    void clearFaults() {
        knobs.clearFaults();
    }

    /**
     * Sends approved payments one after the other for a merchant of the Piggy Bank alone until {@link #BREAKER_WINDOW}
     * in a row were authorised, so that the adapter's circuit breaker counts only successes in its window again. A
     * test that made payments fail at the bank (refused connections, 503s) without opening the breaker leaves those
     * failures in its window, where the next class's own deliberate 503s would open it, and that class's payments
     * would be declined 20091 at once. The breaker may open on the first of these payments (the window reaching its
     * minimum of 10 with the old failures): then it waits until the breaker lets trial payments through again, which
     * close it and empty its window. One after the other, so that half-open trials close it before others come.
     */
    static void refillBreakerWindowWithApprovals(LocalStack stack, Gateway gateway, String piggyBankApiKey) {
        URI bankHealth = StackHealth.healthOf(stack, "ACQUIRER_PIGGYBANK_PORT", "/bank");
        int inARow = 0;
        for (int sent = 0; inARow < BREAKER_WINDOW; sent++) {
            assertThat(sent).as("payments sent to refill the breaker's window").isLessThan(5 * BREAKER_WINDOW);
            Gateway.Reply paid = gateway.post("/payments", piggyBankApiKey, """
                    {"source": {"type": "card", "number": "4111111111111111", "expiry_month": 12, "expiry_year": 2030,
                                "cvv": "123"},
                     "amount": %d, "currency": "GBP", "reference": "BREAKER-WINDOW"}
                    """.formatted(500 + sent));
            assertThat(paid.status()).as(paid.body()).isIn(201, 202);
            if ("Authorized".equals(paid.text("status"))) {
                inARow++;
            } else {
                inARow = 0;
                StackHealth.awaitUp(List.of(bankHealth));
            }
        }
    }

    Stats stats() {
        JsonNode stats = knobs.stats();
        return new Stats(stats.path("approvals").asLong(), stats.path("reversals").asLong(),
                stats.path("approved_more_than_once").asLong(), stats.path("approvals_without_idempotency_key").asLong(),
                stats.path("forgotten_idempotency_keys").asLong(), stats.path("hung").asLong(),
                stats.path("refused_while_down").asLong());
    }

    /** The counters the invariants are about; the bank counts since it started, so tests compare two readings. */
    record Stats(long approvals, long reversals, long approvedMoreThanOnce, long approvalsWithoutIdempotencyKey,
                 long forgottenIdempotencyKeys, long hung, long refusedWhileDown) {

        Stats since(Stats earlier) {
            return new Stats(approvals - earlier.approvals, reversals - earlier.reversals,
                    approvedMoreThanOnce - earlier.approvedMoreThanOnce,
                    approvalsWithoutIdempotencyKey - earlier.approvalsWithoutIdempotencyKey,
                    forgottenIdempotencyKeys - earlier.forgottenIdempotencyKeys, hung - earlier.hung,
                    refusedWhileDown - earlier.refusedWhileDown);
        }
    }
}
