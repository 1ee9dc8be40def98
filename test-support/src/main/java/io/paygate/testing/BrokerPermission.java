package io.paygate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's RabbitMQ user and what it may configure, write and read (regular expressions over exchange and queue
 * names): a line of {@value #FILE}, which {@code ./paygate}, compose and the Kubernetes manifests all follow.
 */
public record BrokerPermission(String service, String configure, String write, String read) {

    /** Where the permissions are, from the top of the project. */
    public static final String FILE = "docker/rabbitmq-permissions.tsv";

    /** Every service's, in the file's order. */
    public static List<BrokerPermission> all(Path projectRoot) {
        try (Stream<String> lines = Files.lines(projectRoot.resolve(FILE))) {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(columns -> new BrokerPermission(columns[0], columns[1], columns[2], columns[3]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's own. */
    public static BrokerPermission of(String service, Path projectRoot) {
        return all(projectRoot).stream().filter(permission -> permission.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service + " has no line in " + FILE));
    }
}
