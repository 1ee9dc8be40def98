package io.paygate.acquirer.piggybank.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The real Piggy Bank simulator, its jar (built by its module) run as a process on a free port: its API for the client
 * under test, its {@code /simulator} endpoints for statistics and fault knobs. Where {@link PiggyBankDouble} is
 * scripted request by request, this one keeps the bank's own ledger: balances, captures, voids and refunds.
 */
public final class PiggyBankSimulator implements AutoCloseable {

    private static final String CONTROL_TOKEN = "test-control-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;
    private final Process process;

    private PiggyBankSimulator(int port, Process process) {
        this.url = URI.create("http://127.0.0.1:" + port);
        this.process = process;
    }

    public static PiggyBankSimulator start() {
        String jar = System.getProperty("piggybank.simulator.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("No simulator jar at " + jar + ": build with -am so that piggybank-simulator is packaged");
        }
        try {
            int port = freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar,
                    "--server.address=127.0.0.1", "--server.port=" + port,
                    "--paygate.simulator.control-token=" + CONTROL_TOKEN))
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/piggybank-simulator-" + port + ".log"))
                    .start();
            var simulator = new PiggyBankSimulator(port, process);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> process.isAlive() && simulator.get("/actuator/health").contains("UP"));
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Piggy Bank simulator", e);
        }
    }

    /** The base URL of the bank's API. */
    public URI url() {
        return url;
    }

    /** One count of {@code GET /simulator/stats}, by its JSON name, e.g. {@code captured_total}. */
    public long stat(String name) {
        Matcher count = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(get("/simulator/stats"));
        if (!count.find()) {
            throw new IllegalStateException("No statistic " + name);
        }
        return Long.parseLong(count.group(1));
    }

    /** {@code PUT /simulator/faults} with the knobs to change, e.g. {@code {"down": true}}. */
    public void faults(String change) {
        send(HttpRequest.newBuilder(url.resolve("/simulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(change)));
    }

    /** Back to no latency and no faults. */
    public void resetFaults() {
        send(HttpRequest.newBuilder(url.resolve("/simulator/faults")).DELETE());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET());
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + CONTROL_TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
