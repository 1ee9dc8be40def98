package io.paygate.localmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CompactionTest {

    @TempDir
    Path temporary;

    @Test
    void compaction_keeps_every_document_and_shrinks_the_data_directory() throws Exception {
        Path data = temporary.resolve("data");
        long written;
        try (LocalMongoServer server = LocalMongoServer.start(settings(data, 1 << 20));
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            for (int i = 0; i < 2_000; i++) {
                orders.insertOne(new Document("_id", i).append("version", 0).append("padding", "x".repeat(500)));
            }
            for (int version = 1; version <= 10; version++) {
                orders.updateMany(Filters.empty(), Updates.set("version", version));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> journal(client).getLong("compactions") > 0);
            written = journal(client).getLong("bytesWritten");
            await().atMost(Duration.ofSeconds(30)).until(() -> bytesOnDisk(data) < written / 3);
        }
        try (LocalMongoServer server = LocalMongoServer.start(settings(data, 1 << 20));
             MongoClient client = Clients.connect(server.connectionString())) {
            assertThat(server.summary()).contains("2000 documents loaded");
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(2_000);
            assertThat(orders.countDocuments(eq("version", 10))).isEqualTo(2_000);
        }
        assertThat(bytesOnDisk(data)).isLessThan(written / 3);
    }

    @Test
    void writes_made_while_a_compaction_runs_are_all_kept() throws Exception {
        Path data = temporary.resolve("data");
        int writers = 8;
        int perWriter = 1_500;
        try (LocalMongoServer server = LocalMongoServer.start(settings(data, 256 << 10));
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int first = writer * perWriter;
                done.add(pool.submit(() -> {
                    for (int i = first; i < first + perWriter; i++) {
                        orders.insertOne(new Document("_id", i).append("state", "Pending").append("padding", "y".repeat(300)));
                        orders.updateOne(eq("_id", i), Updates.set("state", "Authorized"));
                        if (i % 3 == 0) {
                            orders.deleteOne(eq("_id", i));
                        }
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            pool.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(() -> journal(client).getLong("compactions") > 1);
        }
        try (LocalMongoServer server = LocalMongoServer.start(settings(data, 256 << 10));
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            int total = writers * perWriter;
            long kept = Stream.iterate(0, i -> i + 1).limit(total).filter(i -> i % 3 != 0).count();
            assertThat(orders.countDocuments()).isEqualTo(kept);
            assertThat(orders.countDocuments(eq("state", "Authorized"))).isEqualTo(kept);
        }
    }

    @Test
    void a_payment_takes_at_most_1_5_kb_on_disk_after_compaction() throws Exception {
        Path data = temporary.resolve("data");
        int payments = 20_000;
        long beforeCompaction;
        // No compaction while writing: the shutdown's is the one measured.
        try (LocalMongoServer server = LocalMongoServer.start(settings(data, 1L << 40));
             MongoClient client = Clients.connect(server.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("paygate-payments").getCollection("payments");
            for (int i = 0; i < payments; i++) {
                collection.insertOne(PaymentLike.pending(i));
            }
            for (int i = 0; i < payments; i++) {
                collection.updateOne(eq("_id", PaymentLike.id(i)), PaymentLike.decision());
            }
            beforeCompaction = bytesOnDisk(data);
        }
        long afterCompaction = bytesOnDisk(data);
        System.out.printf("disk per payment: %d bytes before compaction, %d after%n",
                beforeCompaction / payments, afterCompaction / payments);
        assertThat(afterCompaction / payments).isLessThanOrEqualTo(1536);
    }

    static LocalMongoServer.Settings settings(Path data, long compactionThreshold) {
        return new LocalMongoServer.Settings("127.0.0.1", 0, data, 16, compactionThreshold);
    }

    static Document journal(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1)).get("journal", Document.class);
    }

    static long bytesOnDisk(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** Shaped like payment-service's PaymentDocument, with values of realistic length. */
    static final class PaymentLike {

        static String id(int n) {
            return "pay_%026d".formatted(n);
        }

        static Document pending(int n) {
            Date requested = new Date(1_780_000_000_000L + n);
            return new Document("_id", id(n))
                    .append("actionId", "act_%026d".formatted(n))
                    .append("merchantId", "mer_demo00000000000000000001")
                    .append("amount", 1050L + n % 1000)
                    .append("currency", "GBP")
                    .append("card", new Document("last4", "1111").append("bin", "411111").append("expiryMonth", 12)
                            .append("expiryYear", 2030).append("scheme", "Visa"))
                    .append("reference", "ORD-%08d".formatted(n))
                    .append("description", "Order of a few things")
                    .append("status", "Pending")
                    .append("requestedOn", requested)
                    .append("idempotencyScope", "mer_demo00000000000000000001\0" + "key-%032d".formatted(n))
                    .append("requestFingerprint", "f".repeat(64))
                    .append("outbox", new Document("acquirer", "piggybank").append("acquirerMerchantId", "PB-000123")
                            .append("replyTo", "result.payment-service.3f2a9c1e")
                            .append("card", new Document("keyId", "k2026").append("nonce", "n".repeat(16))
                                    .append("ciphertext", "c".repeat(120))))
                    .append("owed", new Document("kind", "Authorization").append("dueAt", requested).append("attempts", 1));
        }

        static org.bson.conversions.Bson decision() {
            Date decided = new Date();
            return Updates.combine(Updates.set("status", "Authorized"), Updates.set("responseCode", "10000"),
                    Updates.set("authCode", "A1B2C3"), Updates.set("processedOn", decided),
                    Updates.set("decidedOn", decided), Updates.unset("outbox.card"), Updates.unset("owed"));
        }
    }
}
