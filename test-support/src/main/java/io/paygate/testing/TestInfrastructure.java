package io.paygate.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The MongoDB and RabbitMQ that integration tests talk to, over real connections.
 * <p>
 * With a Docker engine, real {@code mongo} and {@code rabbitmq} images run in Testcontainers. Without one,
 * MongoDB is the {@code mongo-java-server} wire-protocol server (in memory, in the test JVM, which no test kills)
 * and RabbitMQ is the broker at {@code RABBITMQ_URI} or on localhost:5672. Each is started once per JVM.
 */
public final class TestInfrastructure {

    private static final String LOCAL_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672";

    /** The key messages are signed with in tests: the tests' own, it protects nothing. */
    public static final String MESSAGE_SIGNING_KEYS = "test:" + Base64.getEncoder()
            .encodeToString("test-message-signing-key-32bytes".getBytes(StandardCharsets.US_ASCII));

    private static String mongoUri;
    private static String rabbitUri;

    private TestInfrastructure() {
    }

    /** Points Spring Boot's MongoDB and RabbitMQ clients at the test infrastructure, and signs messages with the tests' key. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("spring.rabbitmq.addresses", TestInfrastructure::rabbitUri);
        registry.add("paygate.messages.signing.keys", () -> MESSAGE_SIGNING_KEYS);
    }

    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            mongoUri = dockerAvailable() ? startMongoContainer() : startWireServer();
        }
        return mongoUri;
    }

    public static synchronized String rabbitUri() {
        if (rabbitUri == null) {
            rabbitUri = findOrStartRabbit();
        }
        return rabbitUri;
    }

    private static String startWireServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        // One worker thread: the memory backend hands out the stored documents themselves and updates them in place,
        // so a find answered on one worker while another updates the same document failed with a
        // ConcurrentModificationException and a dropped connection. On one thread every command runs alone.
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static String startMongoContainer() {
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
        mongo.start();
        return mongo.getConnectionString();
    }

    @SuppressWarnings("resource")
    private static String findOrStartRabbit() {
        String configured = System.getenv("RABBITMQ_URI");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (answers("127.0.0.1", 5672)) {
            return LOCAL_RABBITMQ;
        }
        if (dockerAvailable()) {
            RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:4-management");
            rabbit.start();
            return rabbit.getAmqpUrl();
        }
        throw new IllegalStateException("Tests need RabbitMQ: start one on localhost:5672 (rabbitmq-server -detached), "
                + "set RABBITMQ_URI, or run a Docker engine");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
