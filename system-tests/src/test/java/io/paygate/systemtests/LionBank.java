package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;

/** The Lion Bank simulator's test knobs: its injected faults and what it decided. */
final class LionBank {

    private final SimulatorKnobs knobs;

    LionBank(LocalStack stack) {
        this.knobs = new SimulatorKnobs(stack, "LIONBANK_PORT", "lionbank-control-token");
    }

    /** Changes the named knobs, e.g. {@code {"drop_rate": 0.2}}; the others keep their values. */
    void injectFaults(String knobsJson) {
        knobs.injectFaults(knobsJson);
    }

    /** Back to the configured knobs: no fault at all. */
    void clearFaults() {
        knobs.clearFaults();
    }

    Stats stats() {
        JsonNode stats = knobs.stats();
        return new Stats(stats.path("authorization_requests").asLong(), stats.path("approvals").asLong(),
                stats.path("reversals").asLong(), stats.path("reversal_requests").asLong(),
                stats.path("duplicates").asLong(), stats.path("approved_more_than_once").asLong(),
                stats.path("never_answered").asLong(), stats.path("dropped").asLong(),
                stats.path("closed_connections").asLong(), stats.path("refused_after_reversal").asLong(),
                stats.path("forgotten_transactions").asLong());
    }

    /**
     * The counters the invariants are about; the bank counts since it started, so tests compare two readings. Unlike
     * the Piggy Bank's, {@code approvals} are the approvals standing: a reversed approval no longer counts, so the
     * approvals a burst added are its unreversed ones.
     *
     * @param authorizationRequests 0100s the host evaluated (duplicates and never-answered cards excluded)
     * @param reversalRequests      0400s and 0401s received
     * @param duplicates            0100s answered with the first answer of the same transaction
     */
    record Stats(long authorizationRequests, long approvals, long reversals, long reversalRequests, long duplicates,
                 long approvedMoreThanOnce, long neverAnswered, long dropped, long closedConnections,
                 long refusedAfterReversal, long forgottenTransactions) {

        Stats since(Stats earlier) {
            return new Stats(authorizationRequests - earlier.authorizationRequests, approvals - earlier.approvals,
                    reversals - earlier.reversals, reversalRequests - earlier.reversalRequests,
                    duplicates - earlier.duplicates, approvedMoreThanOnce - earlier.approvedMoreThanOnce,
                    neverAnswered - earlier.neverAnswered, dropped - earlier.dropped,
                    closedConnections - earlier.closedConnections, refusedAfterReversal - earlier.refusedAfterReversal,
                    forgottenTransactions - earlier.forgottenTransactions);
        }

        /** Every request about payments the host received: authorisations, repeats and reversals. */
        long requestsReceived() {
            return authorizationRequests + duplicates + neverAnswered + reversalRequests + dropped + closedConnections;
        }
    }
}
