package io.paygate.acquirer.lionbank.testing;

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
 * The real Lion Bank simulator, its jar (built by its module) run as a process on free ports: its ISO 8583 host for the
 * client under test, its HTTP side for statistics and fault knobs.
 */
public final class LionBankSimulator implements AutoCloseable {

    private static final String CONTROL_TOKEN = "test-control-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int isoPort;
    private final URI control;
    private final Process process;

    private LionBankSimulator(int isoPort, int httpPort, Process process) {
        this.isoPort = isoPort;
        this.control = URI.create("http://127.0.0.1:" + httpPort);
        this.process = process;
    }

    public static LionBankSimulator start() throws IOException {
        String jar = System.getProperty("lionbank.simulator.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("No simulator jar at " + jar + ": build with -am so that lionbank-simulator is packaged");
        }
        int isoPort = freePort();
        int httpPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar,
                "--server.address=127.0.0.1", "--server.port=" + httpPort,
                "--lionbank.iso.address=127.0.0.1", "--lionbank.iso.port=" + isoPort,
                "--paygate.simulator.control-token=" + CONTROL_TOKEN))
                .redirectErrorStream(true)
                .redirectOutput(new File("target/lionbank-simulator.log"))
                .start();
        var simulator = new LionBankSimulator(isoPort, httpPort, process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> process.isAlive() && simulator.get("/actuator/health").contains("UP"));
        return simulator;
    }

    public int isoPort() {
        return isoPort;
    }

    /** One count of {@code GET /simulator/stats}, by its JSON name, e.g. {@code approved_more_than_once}. */
    public long stat(String name) {
        Matcher count = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(get("/simulator/stats"));
        if (!count.find()) {
            throw new IllegalStateException("No statistic " + name);
        }
        return Long.parseLong(count.group(1));
    }

    /** {@code PUT /simulator/faults} with the knobs to change, e.g. {@code {"close_rate": 1}}. */
    public void faults(String change) {
        send(HttpRequest.newBuilder(control.resolve("/simulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(change)));
    }

    /** Back to no latency and no faults. */
    public void resetFaults() {
        send(HttpRequest.newBuilder(control.resolve("/simulator/faults")).DELETE());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(control.resolve(path)).GET());
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
