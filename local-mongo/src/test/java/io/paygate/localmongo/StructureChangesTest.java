package io.paygate.localmongo;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StructureChangesTest {

    @TempDir
    Path temporary;

    @Test
    void drops_renames_and_index_changes_survive_a_restart_with_and_without_compaction() throws Exception {
        for (long threshold : new long[] {1L << 40, 1}) {
            Path data = temporary.resolve("data-" + threshold);
            try (LocalMongoServer server = LocalMongoServer.start(CompactionTest.settings(data, threshold));
                 MongoClient client = Clients.connect(server.connectionString())) {
                MongoDatabase shop = client.getDatabase("shop");
                for (String name : List.of("orders", "carts", "archive")) {
                    for (int i = 0; i < 10; i++) {
                        shop.getCollection(name).insertOne(new Document("_id", i).append("from", name));
                    }
                }
                shop.getCollection("orders").createIndex(Indexes.ascending("from"), new IndexOptions().name("by_from"));
                shop.getCollection("orders").createIndex(Indexes.ascending("_id", "from"),
                        new IndexOptions().unique(true).name("implied"));
                shop.getCollection("orders").dropIndex("implied");
                shop.getCollection("carts").drop();
                shop.getCollection("carts").insertOne(new Document("_id", "new").append("from", "carts again"));
                shop.getCollection("archive").renameCollection(new MongoNamespace("shop", "archive-2026"));
                client.getDatabase("scratch").getCollection("notes").insertOne(new Document("note", "gone soon"));
                client.getDatabase("scratch").drop();
            }
            try (LocalMongoServer server = LocalMongoServer.start(CompactionTest.settings(data, threshold));
                 MongoClient client = Clients.connect(server.connectionString())) {
                MongoDatabase shop = client.getDatabase("shop");
                assertThat(shop.listCollectionNames().into(new ArrayList<>()))
                        .containsExactlyInAnyOrder("orders", "carts", "archive-2026");
                assertThat(shop.getCollection("orders").countDocuments()).isEqualTo(10);
                assertThat(shop.getCollection("orders").listIndexes().map(index -> index.getString("name"))
                        .into(new ArrayList<>())).containsExactlyInAnyOrder("_id_", "by_from");
                assertThat(shop.getCollection("carts").find().into(new ArrayList<>()))
                        .extracting(document -> document.get("_id")).containsExactly("new");
                assertThat(shop.getCollection("archive-2026").countDocuments()).isEqualTo(10);
                assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("scratch");
            }
        }
    }
}
