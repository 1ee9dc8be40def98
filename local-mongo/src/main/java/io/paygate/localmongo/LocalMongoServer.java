package io.paygate.localmongo;

import de.bwaldvogel.mongo.MongoServer;
import io.paygate.localmongo.journal.ChangeLog;
import io.paygate.localmongo.journal.DurableStore;
import io.paygate.localmongo.journal.RecoveredState;
import io.paygate.localmongo.store.StoreBackend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol on a local port from an in-memory store whose every acknowledged write is in a
 * journal on disk, compacted into snapshots as it grows.
 * <p>
 * Configured by environment: {@code MONGODB_PORT} (27017; 0 picks a free one), {@code MONGODB_BIND} (127.0.0.1),
 * {@code MONGODB_DATA_DIR} (.paygate/data/mongo; {@code memory} keeps everything in memory only),
 * {@code MONGODB_WORKER_THREADS} (32: requests that wait for the disk hold a thread each) and
 * {@code MONGODB_COMPACTION_THRESHOLD_MB} (32: the journal is folded into a snapshot once larger than both this and
 * the snapshot). SIGTERM and Ctrl-C stop it cleanly.
 */
public final class LocalMongoServer implements AutoCloseable {

    /** How to run the server; {@code dataDirectory} null keeps everything in memory. */
    public record Settings(String bind, int port, Path dataDirectory, int workerThreads, long compactionThreshold) {

        public static Settings fromEnvironment(Map<String, String> environment) {
            String data = value(environment, "MONGODB_DATA_DIR", ".paygate/data/mongo");
            return new Settings(
                    value(environment, "MONGODB_BIND", "127.0.0.1"),
                    Integer.parseInt(value(environment, "MONGODB_PORT", "27017")),
                    data.equals("memory") ? null : Path.of(data).toAbsolutePath(),
                    Integer.parseInt(value(environment, "MONGODB_WORKER_THREADS", "32")),
                    Long.parseLong(value(environment, "MONGODB_COMPACTION_THRESHOLD_MB", "32")) << 20);
        }

        private static String value(Map<String, String> environment, String name, String fallback) {
            String value = environment.get(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private final MongoServer server;
    private final String summary;

    private LocalMongoServer(MongoServer server, String summary) {
        this.server = server;
        this.summary = summary;
    }

    /** Recovers the data, then listens; returns once clients can connect. */
    public static LocalMongoServer start(Settings settings) throws IOException {
        long started = System.nanoTime();
        StoreBackend backend;
        String data;
        if (settings.dataDirectory() == null) {
            backend = new StoreBackend(ChangeLog.none(), RecoveredState.empty());
            data = "memory only";
        } else {
            // A journal that cannot be written any more cannot make writes durable: stop rather than acknowledge more.
            DurableStore store = DurableStore.open(settings.dataDirectory(), settings.compactionThreshold(),
                    failure -> Runtime.getRuntime().halt(74));
            DurableStore.Recovery recovery = store.recovery();
            backend = new StoreBackend(store, store.takeRecovered());
            store.serve(backend);
            data = "data dir %s: %d documents loaded (snapshot %d KB, journal %d KB%s)".formatted(
                    settings.dataDirectory(), recovery.documents(), recovery.snapshotBytes() >> 10,
                    recovery.journalBytes() >> 10, recovery.tornTail() ? ", torn last record cut off" : "");
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress(settings.bind(), settings.port()), 1, settings.workerThreads());
        InetSocketAddress address = server.getLocalAddress();
        return new LocalMongoServer(server, "local-mongo listening on %s:%d; %s in %d ms".formatted(
                address.getHostString(), address.getPort(), data, (System.nanoTime() - started) / 1_000_000));
    }

    public InetSocketAddress address() {
        return server.getLocalAddress();
    }

    public String connectionString() {
        return "mongodb://" + address().getHostString() + ":" + address().getPort();
    }

    /** The start-up line: address, data directory, documents loaded and time taken. */
    public String summary() {
        return summary;
    }

    /** Stops accepting, lets requests in progress finish, flushes the journal and snapshots if worthwhile. */
    @Override
    public void close() {
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        LocalMongoServer server = start(Settings.fromEnvironment(System.getenv()));
        System.out.println(server.summary());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mongo-shutdown"));
        stopped.await();
    }
}
