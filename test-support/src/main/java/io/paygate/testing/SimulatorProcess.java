package io.paygate.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bank simulator's jar (built by its module, named by a system property the module's tests set) run as a process
 * on a free port, with what every simulator serves besides its bank API: health, {@code GET /simulator/stats} and the
 * fault knobs of {@code /simulator/faults}, opened with a control token of the tests'.
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final String CONTROL_TOKEN = "test-control-token";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;
    private final Process process;

    private SimulatorProcess(URI url, Process process) {
        this.url = url;
        this.process = process;
    }

    /**
     * Starts the simulator whose jar the system property {@code jarProperty} names, and waits until it is healthy.
     *
     * @param arguments Spring Boot arguments of the simulator's own, e.g. the port of its ISO 8583 host
     */
    public static SimulatorProcess start(String jarProperty, List<String> arguments) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("No simulator jar at " + jar + " (" + jarProperty
                    + "): build with -am so that the simulator is packaged");
        }
        try {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar, "--server.address=127.0.0.1",
                    "--server.port=" + port, "--paygate.simulator.control-token=" + CONTROL_TOKEN));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/" + new File(jar).getName() + "-" + port + ".log"))
                    .start();
            SimulatorProcess simulator = new SimulatorProcess(URI.create("http://127.0.0.1:" + port), process);
            simulator.awaitHealthy();
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the simulator " + jar, e);
        }
    }

    /** A port nothing listens on now, for the simulator to take. */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The base URL of its HTTP side: the bank API of an HTTP bank, and the {@code /simulator} endpoints. */
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

    private void awaitHealthy() {
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                break;
            }
            try {
                if (get("/actuator/health").contains("UP")) {
                    return;
                }
            } catch (IllegalStateException e) {
                // Not listening yet.
            }
            pause();
        }
        close();
        throw new IllegalStateException("The simulator at " + url + " did not become healthy within " + STARTUP);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
                throw new IllegalStateException("The simulator answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
