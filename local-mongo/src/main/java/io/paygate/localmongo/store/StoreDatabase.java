package io.paygate.localmongo.store;

import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import io.paygate.localmongo.index.ImpliedUniqueIndex;
import io.paygate.localmongo.index.SortedIndex;
import io.paygate.localmongo.journal.ChangeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A database of {@link StoreCollection}s. Its collection and index lists are themselves collections
 * ({@code system.namespaces}, {@code system.indexes}), journaled like any other, so reopening the recovered ones
 * restores every collection with its indexes.
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StoreDatabase.class);

    private final ChangeLog changes;
    private final Set<StoreCollection> live;
    private Map<String, List<byte[]>> recovered;
    private final List<StoreCollection> loading = new ArrayList<>();

    StoreDatabase(String name, CursorRegistry cursors, ChangeLog changes, Set<StoreCollection> live,
                  Map<String, List<byte[]>> recovered) {
        super(name, cursors);
        this.changes = changes;
        this.live = live;
        this.recovered = new HashMap<>(recovered);
        initializeNamespacesAndIndexes();
        loading.forEach(StoreCollection::finishLoading);
        loading.clear();
        this.recovered.forEach((orphan, documents) -> log.warn(
                "ignored {} recovered documents of {}.{}, a collection no longer listed", documents.size(), name, orphan));
        this.recovered = null;
    }

    @Override
    protected StoreCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        List<byte[]> documents = recovered == null ? null : recovered.remove(collectionName);
        StoreCollection collection = new StoreCollection(this, collectionName, options, cursorRegistry, changes, live,
                documents);
        if (documents != null) {
            loading.add(collection);
        }
        return collection;
    }

    /**
     * Runs an aggregation that starts with {@code $match} on the documents that query finds, through the indexes.
     * mongo-java-server would feed every document of the collection to the pipeline; the driver's
     * {@code countDocuments} is such an aggregation.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate") && query.get("pipeline") instanceof List<?> pipeline
                && !pipeline.isEmpty() && pipeline.getFirst() instanceof Document first
                && first.size() == 1 && first.get("$match") instanceof Document match) {
            String collectionName = query.get(command).toString();
            if (resolveCollection(collectionName, false) instanceof StoreCollection collection) {
                Aggregation aggregation = Aggregation.fromPipeline(Aggregation.parse(pipeline.subList(1, pipeline.size())),
                        databaseResolver, this, collection, oplog);
                aggregation.validate(query);
                List<Document> result = aggregation.runStages(collection.matching(match));
                Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(collectionName))
                        .append("firstBatch", result);
                return new Document("cursor", cursor).append("ok", 1.0);
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                     boolean sparse) {
        return ImpliedUniqueIndex.impliedById(keys) ? new ImpliedUniqueIndex(indexName, keys)
                : new MemoryUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
        return new SortedIndex(indexName, keys, sparse);
    }

    @Override
    protected long getStorageSize() {
        return 0;
    }

    @Override
    protected long getFileSize() {
        return 0;
    }
}
