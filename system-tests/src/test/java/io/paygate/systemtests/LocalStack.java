package io.paygate.systemtests;

import io.paygate.testing.BrokerPermission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole gateway started by {@code ./paygate} exactly as a developer runs it, on free ports and with its own
 * state directory, so it never collides with a stack a developer left running.
 */
final class LocalStack {

    private static final List<String> PORT_VARIABLES = List.of("GATEWAY_PORT", "GATEWAY_ADMIN_PORT", "PAYMENT_SERVICE_PORT",
            "PAYMENT_SERVICE_2_PORT", "MERCHANT_SERVICE_PORT", "ACQUIRER_PIGGYBANK_PORT", "PIGGYBANK_PORT",
            "ACQUIRER_LIONBANK_PORT", "LIONBANK_PORT", "LIONBANK_ISO_PORT", "WEBHOOK_SERVICE_PORT", "MONGODB_PORT",
            "GATEWAY_MANAGEMENT_PORT");
    private static final String DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672";

    private static final int FIRST_PORT = 20000;
    private static final int PORT_SPAN = 12000;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path root = Path.of(System.getenv().getOrDefault("PAYGATE_ROOT", "..")).toAbsolutePath().normalize();
    private final Path home;
    private final Map<String, String> environment = new HashMap<>();
    /** The stack's own RabbitMQ virtual host, or null when it uses the default one. */
    private String virtualHost;

    /**
     * A stack of its own for a test class that needs settings the shared stack cannot have (an authorisation lifetime
     * of seconds would expire the payments other classes capture later), in a state directory of its own beside the
     * shared one's, {@code <home>-<name>}. {@code settings} are environment variables of {@code ./paygate} that
     * replace this class's defaults.
     */
    LocalStack(String name, Map<String, String> settings) {
        String sharedHome = System.getenv().getOrDefault("PAYGATE_E2E_HOME", "target/paygate-home");
        this.home = Path.of(name.isEmpty() ? sharedHome : sharedHome + "-" + name).toAbsolutePath();
        for (String variable : PORT_VARIABLES) {
            environment.put(variable, String.valueOf(freePort()));
        }
        environment.put("PAYGATE_HOME", home.toString());
        environment.put("PAYGATE_NO_BUILD", "1");
        // Two payment-service instances behind the gateway, as in production: one may be killed while the other serves.
        environment.put("PAYMENT_SERVICE_INSTANCES", "2");
        // Short recovery settings, so the fault suite sees re-sends and the final deadline within a test; still far
        // above the few seconds the slowest ordinary payment (issuer unavailable, after the adapter's retries) takes.
        environment.put("PAYMENT_RESEND_AFTER", "6s");
        environment.put("PAYMENT_FINAL_DEADLINE", "25s");
        // A capture, void or refund the bank did not answer is sent again after PAYMENT_RESEND_AFTER, doubling up to
        // paygate.payments.reversal-retry-max (1 min by default, which has no variable of its own): capped at 20 s, so
        // that the lifecycle fault scenario's actions are answered within seconds of the bank coming back.
        environment.put("PAYGATE_PAYMENTS_REVERSALRETRYMAX", "20s");
        // Every test client calls from 127.0.0.1 and many tests provoke 401s on purpose: the gateway's limit of failed
        // authentications per address is tested in its own module.
        environment.put("GATEWAY_FAILED_AUTHENTICATION_LIMIT", "100000");
        // The fault suite sends bursts of up to 200 payments at once for one merchant; SecurityIT tests the rate limit
        // with a merchant's own, low limit.
        environment.put("GATEWAY_RATE_LIMIT", "100000");
        // The tests' webhook receivers listen on 127.0.0.1 (./paygate's default, stated here because they rely on it).
        environment.put("WEBHOOK_ALLOW_LOCAL_ENDPOINTS", "true");
        ownVirtualHost().ifPresent(virtualHost -> {
            this.virtualHost = virtualHost;
            environment.put("RABBITMQ_URI", DEFAULT_BROKER + "/" + virtualHost);
        });
        environment.putAll(settings);
    }

    /** The broker and virtual host the stack's services use. */
    URI rabbitUri() {
        return URI.create(environment.getOrDefault("RABBITMQ_URI", System.getenv().getOrDefault("RABBITMQ_URI", DEFAULT_BROKER)));
    }

    /**
     * Whether this test run controls the broker with {@code rabbitmqctl} (the machine's own RabbitMQ), so that a test
     * may stop and start it.
     */
    boolean controlsTheBroker() {
        return virtualHost != null;
    }

    /**
     * Stops the RabbitMQ application (the Erlang node stays up, so {@code rabbitmqctl} can start it again): every
     * connection drops and nothing answers on the AMQP port. Durable queues and persistent messages survive.
     */
    void stopBroker() {
        if (!rabbitmqctl("stop_app")) {
            throw new IllegalStateException("rabbitmqctl stop_app failed");
        }
    }

    void startBroker() {
        if (!rabbitmqctl("start_app") || !rabbitmqctl("await_startup")) {
            throw new IllegalStateException("rabbitmqctl start_app failed");
        }
    }

    /**
     * The queue names are fixed, so a stack on the broker's default virtual host shares its queues with every other
     * process on the machine that uses them (another build's stack, a module's integration tests): they would
     * consume this stack's commands and results. A virtual host of its own keeps it apart, where {@code rabbitmqctl}
     * can make one (the local broker of a developer or CI machine); elsewhere the stack uses the default one.
     */
    private static Optional<String> ownVirtualHost() {
        if (System.getenv("RABBITMQ_URI") != null) {
            return Optional.empty();
        }
        String virtualHost = "paygate-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        boolean created = rabbitmqctl("add_vhost", virtualHost)
                && rabbitmqctl("set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");
        return created ? Optional.of(virtualHost) : Optional.empty();
    }

    /**
     * The queues of the stack's own virtual host that no consumer reads (dead-letter and retry queues, a backlog left
     * behind): what a message at rest sits in. Empty when the stack has no virtual host of its own.
     */
    List<String> queuesWithoutConsumers() {
        return listed("list_queues", "name", "consumers").stream().filter(columns -> columns[1].equals("0"))
                .map(columns -> columns[0]).toList();
    }

    /** The users connected to the stack's own virtual host; empty when it has none. */
    List<String> connectedUsers() {
        return listed("list_connections", "user").stream().map(columns -> columns[0]).distinct().toList();
    }

    /** The rows of a {@code rabbitmqctl list_...} command on the stack's own virtual host, split into columns. */
    private List<String[]> listed(String command, String... columns) {
        if (virtualHost == null) {
            return List.of();
        }
        String[] arguments = Stream.concat(Stream.of(command, "--no-table-headers", "-p", virtualHost),
                Stream.of(columns)).toArray(String[]::new);
        return rabbitmqctlOutput(arguments)
                .orElseThrow(() -> new IllegalStateException("rabbitmqctl " + command + " failed"))
                .lines().map(line -> line.split("\t")).filter(row -> row.length == columns.length).toList();
    }

    private static boolean rabbitmqctl(String... arguments) {
        return rabbitmqctlOutput(arguments).isPresent();
    }

    /** What {@code rabbitmqctl -q} printed, or empty when it failed, was not there or took over 30 s. */
    private static Optional<String> rabbitmqctlOutput(String... arguments) {
        Path output = null;
        try {
            // Into a file, not a pipe: reading a pipe would wait for a hung rabbitmqctl past the timeout.
            output = Files.createTempFile("rabbitmqctl", ".out");
            Process process = new ProcessBuilder(Stream.concat(Stream.of("rabbitmqctl", "-q"), Stream.of(arguments)).toList())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(Files.readString(output)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /**
     * Removes the stack's own virtual host, with whatever its queues still hold, and the services' users that
     * {@code ./paygate} made for it ({@link BrokerPermission}); for after the last {@link #down()}.
     */
    void release() {
        if (virtualHost != null) {
            rabbitmqctl("delete_vhost", virtualHost);
            for (BrokerPermission user : BrokerPermission.all(root)) {
                rabbitmqctl("delete_user", "paygate-" + user.service() + "@" + virtualHost);
            }
        }
    }

    /**
     * Starts from an empty state directory: no data, fresh secrets and certificate. A stack that an interrupted
     * earlier run left behind in this directory is stopped first, or its processes would outlive their pid files.
     */
    void upFromScratch() {
        if (Files.isDirectory(home.resolve("run"))) {
            down();
        }
        deleteRecursively(home);
        up();
    }

    void up() {
        paygate("up", "--detach");
    }

    void down() {
        paygate("down");
    }

    /** What {@code ./paygate status} prints: a header line, then one row per process or listener. */
    String status() {
        paygate("status");
        try {
            String output = Files.readString(home.resolve("paygate-command.log"));
            return output.substring(output.lastIndexOf("SERVICE "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop(String service) {
        paygate("stop", service);
    }

    void start(String service) {
        paygate("start", service);
    }

    /** Whether the service's process, as {@code ./paygate} recorded it, is alive (healthy or not). */
    boolean isRunning(String service) {
        Path pidFile = home.resolve("run").resolve(service + ".pid");
        try {
            return Files.exists(pidFile)
                    && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the service with SIGKILL, as a crash would: no shutdown hook, no graceful hand-back of its work. */
    void kill(String service) {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("run").resolve(service + ".pid")).strip());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
            process.destroyForcibly();
            // Polled: onExit() of a process that is not this JVM's child completes on the common pool, which a burst
            // of requests may be holding (it has one thread on two cores).
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .alias(service + " did not die").until(() -> !process.isAlive());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    String secret(String name) {
        try {
            return Files.readString(home.resolve("secrets").resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path certificate() {
        return home.resolve("tls/gateway.crt");
    }

    private void paygate(String... arguments) {
        List<String> command = Stream.concat(Stream.of(root.resolve("paygate").toString()), Stream.of(arguments)).toList();
        try {
            Files.createDirectories(home);
            Path output = home.resolve("paygate-command.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./paygate " + String.join(" ", arguments) + " timed out; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./paygate " + String.join(" ", arguments) + " failed:\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port free now, below the kernel's range of ephemeral ports (32768 and up on Linux): a port the kernel picked
     * itself ({@code new ServerSocket(0)}) may be given to any outgoing connection, of the very services starting,
     * before its own service binds it. Never one this JVM handed out already.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST_PORT + RANDOM.nextInt(PORT_SPAN);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + FIRST_PORT + " and " + (FIRST_PORT + PORT_SPAN));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
