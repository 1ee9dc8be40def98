package io.paygate.localmongo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** local-mongo as its own JVM on a free port, so that a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("local-mongo listening on ([^:]+):(\\d+)");

    private final Process process;
    private final String connectionString;
    private final String startLine;

    private ServerProcess(Process process, String connectionString, String startLine) {
        this.process = process;
        this.connectionString = connectionString;
        this.startLine = startLine;
    }

    static ServerProcess start(Path dataDirectory, Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LocalMongoServer.class.getName());
        builder.environment().put("MONGODB_PORT", "0");
        builder.environment().put("MONGODB_DATA_DIR", dataDirectory.toString());
        builder.environment().putAll(environment);
        builder.redirectError(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-server.log").toFile());
        Process process = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    if (LISTENING.matcher(line).find()) {
                        return line;
                    }
                }
                throw new IllegalStateException("local-mongo exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String line;
        try {
            line = started.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("local-mongo did not start; see its log next to " + dataDirectory, e);
        }
        Matcher matcher = LISTENING.matcher(line);
        matcher.find();
        return new ServerProcess(process, "mongodb://" + matcher.group(1) + ":" + matcher.group(2), line);
    }

    String connectionString() {
        return connectionString;
    }

    String startLine() {
        return startLine;
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as ./paygate stop sends it; returns the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("local-mongo did not stop within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
