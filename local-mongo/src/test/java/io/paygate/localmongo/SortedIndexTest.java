package io.paygate.localmongo;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static org.assertj.core.api.Assertions.assertThat;

class SortedIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path temporary;

    private LocalMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> payments;

    @BeforeEach
    void start() throws Exception {
        server = LocalMongoServer.start(CompactionTest.settings(temporary.resolve("data"), 32 << 20));
        client = Clients.connect(server.connectionString());
        payments = client.getDatabase("index").getCollection("payments");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void a_date_range_is_read_from_the_index_in_order_and_stops_at_the_limit() {
        payments.createIndex(Indexes.ascending("sweepDueAt"), new IndexOptions().sparse(true).name("sweep_due"));
        for (int i = 0; i < 1_000; i++) {
            Document payment = new Document("_id", "pay_" + i);
            if (i % 2 == 0) {
                // Due times from 500 s in the past to 500 s ahead, in a shuffled insertion order.
                payment.append("sweepDueAt", Date.from(NOW.plusSeconds((i * 7919L) % 1000 - 500)));
            }
            payments.insertOne(payment);
        }
        Bson due = lte("sweepDueAt", Date.from(NOW));

        List<Date> found = payments.find(due).sort(Sorts.ascending("sweepDueAt")).limit(100)
                .map(document -> document.getDate("sweepDueAt")).into(new ArrayList<>());

        assertThat(found).hasSize(100).isSorted().allSatisfy(at -> assertThat(at.toInstant()).isBeforeOrEqualTo(NOW));
        assertThat(found.getFirst().toInstant()).isEqualTo(NOW.minusSeconds(500));
        Document explained = explain(payments.find(due).sort(Sorts.ascending("sweepDueAt")).limit(100));
        assertThat(indexName(explained)).isEqualTo("sweep_due");
        assertThat(examined(explained)).isEqualTo(100);
        assertThat(payments.countDocuments(due)).isEqualTo(payments.find(due).into(new ArrayList<>()).size())
                .isEqualTo(251);
    }

    @Test
    void an_equality_prefix_of_a_compound_index_serves_the_query_and_its_sort() {
        payments.createIndex(Indexes.compoundIndex(Indexes.ascending("merchantId", "reference"),
                Indexes.descending("requestedOn", "_id")), new IndexOptions().name("payments_by_reference"));
        for (int i = 0; i < 600; i++) {
            payments.insertOne(new Document("_id", "pay_%04d".formatted(i)).append("merchantId", "mer_" + i % 3)
                    .append("reference", "ORD-" + i % 10).append("requestedOn", Date.from(NOW.plusSeconds(i / 20))));
        }
        Bson byReference = and(eq("merchantId", "mer_1"), eq("reference", "ORD-4"));

        List<String> page = payments.find(byReference).sort(Sorts.descending("requestedOn", "_id")).skip(2).limit(5)
                .map(document -> document.getString("_id")).into(new ArrayList<>());

        List<String> expected = payments.find(byReference).into(new ArrayList<>()).stream()
                .sorted((a, b) -> b.getString("_id").compareTo(a.getString("_id")))
                .map(document -> document.getString("_id")).skip(2).limit(5).toList();
        assertThat(page).containsExactlyElementsOf(expected);
        Document explained = explain(payments.find(byReference).sort(Sorts.descending("requestedOn", "_id")).limit(5));
        assertThat(indexName(explained)).isEqualTo("payments_by_reference");
        assertThat(examined(explained)).isEqualTo(5);
        assertThat(examined(explain(payments.find(eq("merchantId", "mer_2"))))).isEqualTo(200);
    }

    @Test
    void a_sparse_index_leaves_out_documents_without_its_field() {
        payments.createIndex(Indexes.ascending("reference"), new IndexOptions().sparse(true).name("reference"));
        payments.insertOne(new Document("_id", 1).append("reference", "ORD-1"));
        payments.insertOne(new Document("_id", 2));
        payments.insertOne(new Document("_id", 3).append("reference", null));

        assertThat(client.getDatabase("index").runCommand(new Document("validate", "payments"))
                .get("keysPerIndex", Document.class).get("reference", Number.class).longValue()).isEqualTo(2);
        assertThat(ids(payments.find(gt("reference", "")))).containsExactly(1);
        // null matches the missing field too, which the sparse index does not hold: the collection is scanned.
        assertThat(ids(payments.find(eq("reference", null)))).containsExactlyInAnyOrder(2, 3);
        assertThat(indexName(explain(payments.find(eq("reference", null))))).isNull();
    }

    @Test
    void the_index_follows_updates_and_deletes() {
        payments.createIndex(Indexes.ascending("status"), new IndexOptions().name("status"));
        for (int i = 0; i < 10; i++) {
            payments.insertOne(new Document("_id", i).append("status", "Pending"));
        }
        payments.updateMany(lt("_id", 4), Updates.set("status", "Authorized"));
        payments.deleteOne(eq("_id", 0));
        payments.updateOne(eq("_id", 9), Updates.unset("status"));
        payments.replaceOne(eq("_id", 8), new Document("status", "Declined"));

        assertThat(ids(payments.find(eq("status", "Authorized")))).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ids(payments.find(eq("status", "Pending")))).containsExactlyInAnyOrder(4, 5, 6, 7);
        assertThat(ids(payments.find(eq("status", "Declined")))).containsExactly(8);
        assertThat(ids(payments.find(eq("status", null)))).containsExactly(9);
        assertThat(examined(explain(payments.find(eq("status", "Pending"))))).isEqualTo(4);
    }

    @Test
    void numbers_of_any_type_and_in_lists_are_found_by_value() {
        payments.createIndex(Indexes.ascending("amount"), new IndexOptions().name("amount"));
        payments.insertOne(new Document("_id", 1).append("amount", 10));
        payments.insertOne(new Document("_id", 2).append("amount", 10L));
        payments.insertOne(new Document("_id", 3).append("amount", 10.0));
        payments.insertOne(new Document("_id", 4).append("amount", 10.5));
        payments.insertOne(new Document("_id", 5).append("amount", "10"));
        payments.insertOne(new Document("_id", 6).append("amount", 9_007_199_254_740_993L));

        assertThat(ids(payments.find(eq("amount", 10.0)))).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ids(payments.find(and(gt("amount", 10), lt("amount", 11))))).containsExactly(4);
        assertThat(ids(payments.find(gt("amount", 9_007_199_254_740_992L)))).containsExactly(6);
        assertThat(ids(payments.find(in("amount", 10.5, "10", 7)))).containsExactlyInAnyOrder(4, 5);
        assertThat(indexName(explain(payments.find(in("amount", 10.5, "10"))))).isEqualTo("amount");
    }

    @Test
    void an_aggregation_that_starts_with_match_reads_the_matching_documents_only() {
        payments.createIndex(Indexes.ascending("merchantId"), new IndexOptions().name("merchant"));
        for (int i = 0; i < 300; i++) {
            payments.insertOne(new Document("_id", i).append("merchantId", "mer_" + i % 3)
                    .append("status", i % 2 == 0 ? "Authorized" : "Declined"));
        }

        List<Document> byStatus = payments.aggregate(List.of(
                Aggregates.match(eq("merchantId", "mer_1")),
                Aggregates.group("$status", Accumulators.sum("count", 1)),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());

        assertThat(byStatus).extracting(group -> group.get("_id") + "=" + group.get("count"))
                .containsExactly("Authorized=50", "Declined=50");
        assertThat(payments.countDocuments(eq("merchantId", "mer_2"))).isEqualTo(100);
        assertThat(payments.countDocuments()).isEqualTo(300);
    }

    @Test
    void an_array_field_is_indexed_by_each_element() {
        payments.createIndex(Indexes.ascending("tags"), new IndexOptions().name("tags"));
        payments.insertOne(new Document("_id", 1).append("tags", List.of("refund", "urgent")));
        payments.insertOne(new Document("_id", 2).append("tags", List.of("urgent")));
        payments.insertOne(new Document("_id", 3).append("tags", List.of()));

        assertThat(ids(payments.find(eq("tags", "urgent")))).containsExactlyInAnyOrder(1, 2);
        assertThat(ids(payments.find(in("tags", "urgent", "refund")))).containsExactlyInAnyOrder(1, 2);
        payments.deleteOne(eq("_id", 1));
        assertThat(ids(payments.find(eq("tags", "refund")))).isEmpty();
    }

    @Test
    void a_unique_index_serves_a_query_that_pins_its_fields_among_others() {
        for (int i = 0; i < 500; i++) {
            payments.insertOne(new Document("_id", "pay_" + i).append("merchantId", "mer_" + i % 5));
        }
        Document explained = explain(payments.find(and(eq("_id", "pay_42"), eq("merchantId", "mer_2"))));

        assertThat(indexName(explained)).isEqualTo("_id_");
        assertThat(examined(explained)).isEqualTo(1);
        assertThat(explained.get("executionStats", Document.class).getInteger("nReturned")).isEqualTo(1);
    }

    @Test
    void indexes_and_their_entries_are_back_after_a_restart() throws Exception {
        payments.createIndex(Indexes.ascending("owed.dueAt"), new IndexOptions().sparse(true).name("obligation_due"));
        for (int i = 0; i < 50; i++) {
            payments.insertOne(new Document("_id", i).append("owed",
                    new Document("kind", "Authorization").append("dueAt", Date.from(NOW.plusSeconds(i)))));
        }
        client.close();
        server.close();
        start();

        assertThat(payments.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .contains("obligation_due");
        Document explained = explain(payments.find(lt("owed.dueAt", Date.from(NOW.plusSeconds(10)))));
        assertThat(indexName(explained)).isEqualTo("obligation_due");
        assertThat(explained.get("executionStats", Document.class).getInteger("nReturned")).isEqualTo(10);
        assertThat(examined(explained)).isEqualTo(11);
        assertThat(ids(payments.find(exists("owed.dueAt", false)))).isEmpty();
    }

    private Document explain(FindIterable<Document> find) {
        return find.explain();
    }

    private static String indexName(Document explained) {
        Document plan = explained.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        Document input = plan.get("inputStage", Document.class);
        return input == null ? null : input.getString("indexName");
    }

    private static long examined(Document explained) {
        return explained.get("executionStats", Document.class).get("totalDocsExamined", Number.class).longValue();
    }

    private static List<Object> ids(FindIterable<Document> find) {
        return find.map(document -> document.get("_id")).into(new ArrayList<>());
    }
}
