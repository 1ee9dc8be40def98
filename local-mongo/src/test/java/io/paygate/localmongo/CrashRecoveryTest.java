package io.paygate.localmongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CrashRecoveryTest {

    private static final int WRITERS = 16;
    private static final int VERSIONS = 3;

    @TempDir
    Path temporary;

    @Test
    void an_acknowledged_write_survives_kill_9() throws Exception {
        Path data = temporary.resolve("data");
        // Per document, the last version the server acknowledged; the write after it may or may not have landed.
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        try (ServerProcess server = ServerProcess.start(data, Map.of());
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> payments = client.getDatabase("crash").getCollection("payments");
            payments.createIndex(Indexes.ascending("reference"), new IndexOptions().unique(true).name("reference"));
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int writer = 0; writer < WRITERS; writer++) {
                String prefix = "w" + writer + "-";
                writers.submit(() -> writeUntilRefused(payments, prefix, acknowledged));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 3000);
            server.kill();
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (ServerProcess server = ServerProcess.start(data, Map.of());
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> payments = client.getDatabase("crash").getCollection("payments");
            Map<String, Integer> stored = new ConcurrentHashMap<>();
            payments.find().forEach(document -> stored.put(document.getString("_id"), document.getInteger("version")));
            assertThat(stored).containsKeys(acknowledged.keySet().toArray(String[]::new));
            acknowledged.forEach((id, version) ->
                    assertThat(stored.get(id)).as(id).isBetween(version, version + 1));
            String taken = "ref-" + acknowledged.keySet().iterator().next();
            assertThatThrownBy(() -> payments.insertOne(new Document("_id", "duplicate").append("reference", taken)))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
    }

    @Test
    void a_torn_last_journal_record_is_cut_off_and_the_store_serves_on() throws Exception {
        Path data = temporary.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, Map.of());
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("torn").getCollection("orders");
            for (int i = 0; i < 100; i++) {
                orders.insertOne(new Document("_id", i).append("item", "item-" + i));
            }
            server.kill();
        }
        Path segment = lastSegment(data);
        long validEnd = endOfRecords(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // A frame announcing 700 bytes of which the crash let only 40 reach the disk.
            ByteBuffer torn = ByteBuffer.allocate(48).putInt(700).putInt(0x5eed5eed);
            while (torn.hasRemaining()) {
                torn.put((byte) 0x7f);
            }
            channel.write(torn.flip(), validEnd);
        }

        try (ServerProcess server = ServerProcess.start(data, Map.of());
             MongoClient client = Clients.connect(server.connectionString())) {
            assertThat(server.startLine()).contains("100 documents loaded").contains("torn last record cut off");
            MongoCollection<Document> orders = client.getDatabase("torn").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(100);
            orders.insertOne(new Document("_id", 100).append("item", "after the crash"));
            assertThat(server.stop(Duration.ofSeconds(30))).as("exit status after SIGTERM").isEqualTo(143);
        }
        // Cut back to its last whole record, unless a compaction has folded it into a snapshot already.
        assertThat(!Files.exists(segment) || Files.size(segment) == validEnd).isTrue();

        try (ServerProcess server = ServerProcess.start(data, Map.of());
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("torn").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(101);
            assertThat(orders.find(eq("_id", 100)).first()).containsEntry("item", "after the crash");
        }
    }

    private static void writeUntilRefused(MongoCollection<Document> payments, String prefix,
                                          Map<String, Integer> acknowledged) {
        try {
            for (int i = 0; ; i++) {
                String id = prefix + i;
                payments.insertOne(new Document("_id", id).append("reference", "ref-" + id).append("version", 0));
                acknowledged.put(id, 0);
                for (int version = 1; version < VERSIONS; version++) {
                    payments.updateOne(eq("_id", id), Updates.set("version", version));
                    acknowledged.put(id, version);
                }
            }
        } catch (RuntimeException killed) {
            // The server is gone: what it acknowledged so far is what the test checks.
        }
    }

    private static Path lastSegment(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(file -> file.getFileName().toString().startsWith("journal-")).sorted()
                    .reduce((first, second) -> second).orElseThrow();
        }
    }

    /** Walks the frames (8-byte header, then length, checksum and payload each) up to the zeros allocated ahead. */
    private static long endOfRecords(Path segment) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        int position = 8;
        List<Integer> lengths = new ArrayList<>();
        while (position + 8 <= bytes.limit() && bytes.getInt(position) > 0) {
            lengths.add(bytes.getInt(position));
            position += 8 + bytes.getInt(position);
        }
        assertThat(lengths).hasSizeGreaterThanOrEqualTo(100);
        return position;
    }
}
