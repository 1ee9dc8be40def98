package io.paygate.localmongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol on a local port, storing data in an H2 file so that it survives restarts.
 * <p>
 * It runs as its own process, apart from the services: H2 keeps its data only through a clean shutdown, so the
 * process that owns the file must never be the one a test kills. SIGTERM and Ctrl-C close it cleanly.
 * <p>
 * Configured by environment: {@code MONGODB_PORT} (27017), {@code MONGODB_BIND} (127.0.0.1) and
 * {@code MONGODB_DATA_FILE} (.paygate/data/mongo.mv; {@code memory} keeps everything in memory).
 */
public final class LocalMongoServer {

    private LocalMongoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("MONGODB_PORT", "27017"));
        String bind = env("MONGODB_BIND", "127.0.0.1");
        String dataFile = env("MONGODB_DATA_FILE", ".paygate/data/mongo.mv");

        MongoServer server = new MongoServer(backend(dataFile));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-shutdown"));

        server.bind(bind, port);
        System.out.printf("MongoDB wire server listening on %s:%d, data in %s%n", bind, port, dataFile);
        stopped.await();
    }

    private static de.bwaldvogel.mongo.MongoBackend backend(String dataFile) throws Exception {
        if (dataFile.equals("memory")) {
            return new MemoryBackend();
        }
        Path path = Path.of(dataFile).toAbsolutePath();
        Files.createDirectories(path.getParent());
        return new H2Backend(path.toString());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
