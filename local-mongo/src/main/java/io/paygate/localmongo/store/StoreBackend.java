package io.paygate.localmongo.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import io.paygate.localmongo.journal.ChangeLog;
import io.paygate.localmongo.journal.RecoveredState;
import io.paygate.localmongo.journal.SnapshotSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mongo-java-server's backend over {@link StoreCollection}s: it serves the recovered data, and answers a request only
 * once the changes it made are durable. Reads never wait.
 * <p>
 * mongo-java-server answers on its Netty worker threads synchronously, so the server is bound with many of them:
 * while one waits for its commit, others append, and the next commit covers them all.
 */
public final class StoreBackend extends AbstractMongoBackend implements SnapshotSource {

    private final ChangeLog changes;
    private final Map<String, StoreDatabase> open = new ConcurrentHashMap<>();
    private final Set<StoreCollection> live = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Map<String, List<byte[]>>> recovered;

    public StoreBackend(ChangeLog changes, RecoveredState state) {
        this.changes = changes;
        this.recovered = new ConcurrentHashMap<>(state.takeDatabases());
        for (String database : List.copyOf(recovered.keySet())) {
            resolveDatabase(database);
        }
        this.recovered = Map.of();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // mongo-java-server also calls this to list databases: the open one must be returned, not a second copy.
        return open.computeIfAbsent(databaseName, name -> new StoreDatabase(name, getCursorRegistry(), changes, live,
                recovered.getOrDefault(name, Map.of())));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            if (command.equalsIgnoreCase("explain")) {
                return explain(channel, databaseName, query);
            }
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            changes.awaitDurable();
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        open.remove(databaseName);
    }

    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        status.put("journal", changes.status());
        return status;
    }

    @Override
    public void forEachCollection(CollectionVisitor visitor) throws IOException {
        for (StoreCollection collection : live) {
            collection.visitDocuments(visitor);
        }
    }

    /** Flushes the journal and folds it into a snapshot if worthwhile, then forgets the data. */
    @Override
    public void close() {
        changes.close();
        super.close();
        open.clear();
        live.clear();
    }

    /**
     * A small part of MongoDB's {@code explain} for {@code find}: the index used, or a collection scan, and how many
     * documents the query decoded. Enough to see that a query is served by an index.
     */
    private Document explain(Channel channel, String databaseName, Document query) {
        if (!(query.get("explain") instanceof Document find) || !"find".equals(find.keySet().iterator().next())) {
            throw new MongoServerError(2, "BadValue", "explain supports find only");
        }
        Document inner = find.clone();
        inner.remove("batchSize");
        long started = System.nanoTime();
        QueryTrace trace = QueryTrace.start();
        Document result;
        try {
            result = super.handleCommand(channel, databaseName, "find", inner);
        } finally {
            trace.stop();
        }
        Document cursor = (Document) result.get("cursor");
        long cursorId = ((Number) cursor.get("id")).longValue();
        if (cursorId != 0) {
            closeCursors(List.of(cursorId));
        }
        Document plan = trace.planned() && trace.indexName() != null
                ? new Document("stage", "FETCH").append("inputStage",
                new Document("stage", "IXSCAN").append("indexName", trace.indexName()))
                : new Document("stage", "COLLSCAN");
        return new Document("queryPlanner", new Document("namespace", cursor.get("ns"))
                .append("parsedQuery", inner.getOrDefault("filter", new Document()))
                .append("winningPlan", plan))
                .append("executionStats", new Document("nReturned", ((List<?>) cursor.get("firstBatch")).size())
                        .append("totalDocsExamined", trace.documentsExamined())
                        .append("executionTimeMillis", (System.nanoTime() - started) / 1_000_000))
                .append("ok", 1.0);
    }
}
