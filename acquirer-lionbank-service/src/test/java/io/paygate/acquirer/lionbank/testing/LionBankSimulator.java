package io.paygate.acquirer.lionbank.testing;

import io.paygate.testing.SimulatorProcess;

import java.io.IOException;
import java.util.List;

/**
 * The real Lion Bank simulator run as a process: its ISO 8583 host, on a port of its own, for the client under test,
 * its HTTP side for statistics and fault knobs.
 */
public final class LionBankSimulator implements AutoCloseable {

    private final int isoPort;
    private final SimulatorProcess process;

    private LionBankSimulator(int isoPort, SimulatorProcess process) {
        this.isoPort = isoPort;
        this.process = process;
    }

    public static LionBankSimulator start() throws IOException {
        int isoPort = SimulatorProcess.freePort();
        return new LionBankSimulator(isoPort, SimulatorProcess.start("lionbank.simulator.jar",
                List.of("--lionbank.iso.address=127.0.0.1", "--lionbank.iso.port=" + isoPort)));
    }

    public int isoPort() {
        return isoPort;
    }

    /** One count of {@code GET /simulator/stats}, by its JSON name, e.g. {@code approved_more_than_once}. */
    public long stat(String name) {
        return process.stat(name);
    }

    /** {@code PUT /simulator/faults} with the knobs to change, e.g. {@code {"close_rate": 1}}. */
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
