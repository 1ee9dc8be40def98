package io.paygate.acquirer.piggybank.testing;

import io.paygate.testing.SimulatorProcess;

import java.net.URI;
import java.util.List;

/**
 * The real Piggy Bank simulator run as a process: its API for the client under test, its {@code /simulator}
 * endpoints for statistics and fault knobs. Where {@link PiggyBankDouble} is scripted request by request, this one
 * keeps the bank's own ledger: balances, captures, voids and refunds.
 */
public final class PiggyBankSimulator implements AutoCloseable {

    private final SimulatorProcess process;

    private PiggyBankSimulator(SimulatorProcess process) {
        this.process = process;
    }

    public static PiggyBankSimulator start() {
        return new PiggyBankSimulator(SimulatorProcess.start("piggybank.simulator.jar", List.of()));
    }

    /** The base URL of the bank's API. */
    public URI url() {
        return process.url();
    }

    /** One count of {@code GET /simulator/stats}, by its JSON name, e.g. {@code captured_total}. */
    public long stat(String name) {
        return process.stat(name);
    }

    /** {@code PUT /simulator/faults} with the knobs to change, e.g. {@code {"down": true}}. */
    public void faults(String change) {
        process.faults(change);
    }

    /** Back to no latency and no faults. */
    public void resetFaults() {
        process.resetFaults();
    }

    @Override
    public void close() {
        process.close();
    }
}
