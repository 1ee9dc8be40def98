package io.paygate.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole gateway started by {@code ./paygate} exactly as a developer runs it, on free ports and with its own
 * state directory, so it never collides with a stack a developer left running.
 */
final class LocalStack {

    private static final List<String> PORT_VARIABLES = List.of("GATEWAY_PORT", "PAYMENT_SERVICE_PORT",
            "MERCHANT_SERVICE_PORT", "ACQUIRER_PIGGYBANK_PORT", "PIGGYBANK_PORT", "MONGODB_PORT");

    private final Path root = Path.of(System.getenv().getOrDefault("PAYGATE_ROOT", "..")).toAbsolutePath().normalize();
    private final Path home = Path.of(System.getenv().getOrDefault("PAYGATE_E2E_HOME", "target/paygate-home")).toAbsolutePath();
    private final Map<String, String> environment = new HashMap<>();

    LocalStack() {
        for (String variable : PORT_VARIABLES) {
            environment.put(variable, String.valueOf(freePort()));
        }
        environment.put("PAYGATE_HOME", home.toString());
        environment.put("PAYGATE_NO_BUILD", "1");
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

    void stop(String service) {
        paygate("stop", service);
    }

    void start(String service) {
        paygate("start", service);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
