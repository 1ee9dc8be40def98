package io.paygate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ virtual host of the test's own, where {@code rabbitmqctl} can make one (the local broker of a developer
 * or CI machine); elsewhere the default one. Action results go out under one fixed routing key, to payment-service's
 * shared queue if it is declared on the broker: in a virtual host of their own, a test's results never reach another
 * process's payment-service, and the tests never take its results.
 */
public final class OwnVirtualHost implements AutoCloseable {

    private final String name;
    private final List<String> users = new ArrayList<>();

    private OwnVirtualHost(String name) {
        this.name = name;
    }

    /** A fresh virtual host, or the default one ({@code null} name) when none can be made. */
    public static OwnVirtualHost create(String prefix) {
        if (System.getenv("RABBITMQ_URI") != null) {
            return new OwnVirtualHost(null);
        }
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        boolean created = rabbitmqctl("add_vhost", name)
                && rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new OwnVirtualHost(created ? name : null);
    }

    /** The broker address for {@code spring.rabbitmq.addresses}, with this virtual host. */
    public String rabbitUri() {
        return name == null ? TestInfrastructure.rabbitUri() : TestInfrastructure.rabbitUri() + "/" + name;
    }

    /**
     * The broker address as a user of this virtual host that holds what the service's own user holds in production
     * ({@link BrokerPermission}); empty where no virtual host could be made.
     */
    public Optional<String> rabbitUriAs(String service) {
        if (name == null) {
            return Optional.empty();
        }
        BrokerPermission permission = BrokerPermission.of(service, projectRoot());
        String user = service + "." + name;
        String password = UUID.randomUUID().toString();
        users.add(user);
        if (!rabbitmqctl("add_user", user, password)
                || !rabbitmqctl("set_permissions", "-p", name, user, permission.configure(), permission.write(),
                        permission.read())) {
            throw new IllegalStateException("rabbitmqctl could not make the user " + user);
        }
        URI broker = URI.create(TestInfrastructure.rabbitUri());
        return Optional.of("amqp://" + user + ":" + password + "@" + broker.getHost() + ":" + broker.getPort() + "/" + name);
    }

    /** Deletes the virtual host, and every queue and exchange in it, and its users. */
    @Override
    public void close() {
        if (name != null) {
            rabbitmqctl("delete_vhost", name);
        }
        users.forEach(user -> rabbitmqctl("delete_user", user));
    }

    /** The project's top directory: the first one above the working directory that holds the permissions. */
    private static Path projectRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve(BrokerPermission.FILE))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(BrokerPermission.FILE + " is in no directory above "
                    + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    private static boolean rabbitmqctl(String... arguments) {
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
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
