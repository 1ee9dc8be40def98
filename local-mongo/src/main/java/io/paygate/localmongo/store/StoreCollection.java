package io.paygate.localmongo.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.paygate.localmongo.index.IndexScan;
import io.paygate.localmongo.index.SortedIndex;
import io.paygate.localmongo.journal.ChangeLog;
import io.paygate.localmongo.journal.DocumentKey;
import io.paygate.localmongo.journal.SnapshotSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A collection whose documents are kept as encoded BSON in numbered slots (the positions its indexes point to),
 * decoded on every read, and whose every change is handed to the {@link ChangeLog} under the collection's lock.
 * <p>
 * Queries go to the narrowest index: a unique index whose fields the query pins, else the {@link SortedIndex} that
 * pins most; one whose order is the requested sort is read lazily up to the limit.
 */
final class StoreCollection extends AbstractSynchronizedMongoCollection<Integer> {

    private final ChangeLog changes;
    private final Set<StoreCollection> live;
    private byte[][] slots;
    private int end;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int count;
    private long dataSize;
    private String namespace;
    private boolean loading;
    private boolean dropped;

    StoreCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
                    ChangeLog changes, Set<StoreCollection> live, List<byte[]> recovered) {
        super(database, name, options, cursors);
        this.changes = changes;
        this.live = live;
        this.namespace = getFullName();
        if (recovered == null) {
            slots = new byte[16][];
        } else {
            slots = recovered.toArray(new byte[Math.max(16, recovered.size())][]);
            end = recovered.size();
            count = end;
            for (byte[] document : recovered) {
                dataSize += document.length;
            }
            loading = true;
        }
        live.add(this);
    }

    /** Fills the indexes registered while loading, decoding each recovered document once for all of them. */
    synchronized void finishLoading() {
        loading = false;
        List<Index<Integer>> indexes = getIndexes();
        if (indexes.isEmpty()) {
            return;
        }
        for (int slot = 0; slot < end; slot++) {
            if (slots[slot] != null) {
                Document document = BsonBytes.decode(slots[slot]);
                Integer position = slot;
                for (Index<Integer> index : indexes) {
                    index.add(document, position, this);
                }
            }
        }
    }

    /** Hands the documents as they are now to a snapshot, holding the lock only to copy the references. */
    void visitDocuments(SnapshotSource.CollectionVisitor visitor) throws IOException {
        String name;
        List<byte[]> documents;
        synchronized (this) {
            name = namespace;
            documents = storedDocuments();
        }
        visitor.visit(name, documents);
    }

    /**
     * Decodes one document at a time as the stream is read. An aggregation that does not start with {@code $match}
     * starts from here, and by default this would decode the whole collection into one list first.
     */
    @Override
    public Stream<Document> queryAllAsStream() {
        List<byte[]> documents;
        synchronized (this) {
            documents = storedDocuments();
        }
        return documents.stream().map(BsonBytes::decode);
    }

    private List<byte[]> storedDocuments() {
        List<byte[]> documents = new ArrayList<>(count);
        for (int slot = 0; slot < end; slot++) {
            if (slots[slot] != null) {
                documents.add(slots[slot]);
            }
        }
        return documents;
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        if (dropped) {
            throw new MongoServerException("collection " + namespace + " was dropped");
        }
        byte[] bytes = BsonBytes.encode(document);
        int slot = freeCount > 0 ? freeSlots[--freeCount] : end++;
        if (slot == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[slot] = bytes;
        count++;
        updateDataSize(bytes.length);
        changes.put(namespace, bytes);
        return slot;
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        byte[] before = slots[position];
        byte[] after = BsonBytes.encode(newDocument);
        slots[position] = after;
        updateDataSize(after.length - before.length);
        byte[] oldKey = DocumentKey.of(getCollectionName(), before);
        if (!Arrays.equals(oldKey, DocumentKey.of(getCollectionName(), after))) {
            changes.delete(namespace, oldKey);
        }
        changes.put(namespace, after);
    }

    @Override
    protected void removeDocument(Integer position) {
        byte[] removed = slots[position];
        slots[position] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = position;
        count--;
        updateDataSize(-removed.length);
        changes.delete(namespace, DocumentKey.of(getCollectionName(), removed));
    }

    @Override
    protected Document getDocument(Integer position) {
        QueryTrace.examined();
        return BsonBytes.decode(slots[position]);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        IndexPlan plan = plan(query, orderBy);
        QueryTrace.planned(plan == null ? null : plan.indexName());
        if (plan == null) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Stream<Document> candidates = plan.positions().map(this::getDocument);
        return matchDocumentsFromStream(query, candidates, numberToSkip, limit, batchSize,
                plan.inOrder() ? null : deriveComparator(orderBy), fieldSelector);
    }

    /**
     * The documents matching the query, decoded one at a time as the stream is read, after the lock is released: for
     * aggregations, which mongo-java-server would otherwise start from a list of the whole collection.
     */
    Stream<Document> matching(Document query) {
        List<byte[]> candidates;
        synchronized (this) {
            IndexPlan plan = plan(query, null);
            candidates = plan == null ? storedDocuments() : plan.positions().map(slot -> slots[slot]).toList();
        }
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        return candidates.stream().map(BsonBytes::decode).filter(document -> matcher.matches(document, query));
    }

    /** Where an index narrows the candidates: its positions, and whether they come in the requested order already. */
    private record IndexPlan(String indexName, Stream<Integer> positions, boolean inOrder) {
    }

    /** The narrowest index for the query, or null for a collection scan. */
    private IndexPlan plan(Document query, Document orderBy) {
        Document conditions = withoutAnd(query);
        for (Index<Integer> index : getIndexes()) {
            if (index.isUnique()) {
                Document lookup = index.canHandle(conditions) ? conditions : pinnedKeys(index, conditions);
                if (lookup != null) {
                    return new IndexPlan(index.getName(),
                            StreamSupport.stream(index.getPositions(lookup).spliterator(), false), false);
                }
            }
        }
        IndexScan best = null;
        for (Index<Integer> index : getIndexes()) {
            if (index instanceof SortedIndex sorted) {
                IndexScan scan = sorted.plan(conditions);
                if (scan != null && (best == null || scan.selectivity() > best.selectivity()
                        || scan.selectivity() == best.selectivity() && best.forwardFor(orderBy) == null
                        && scan.forwardFor(orderBy) != null)) {
                    best = scan;
                }
            }
        }
        if (best == null) {
            return null;
        }
        Boolean forward = best.forwardFor(orderBy);
        return new IndexPlan(best.indexName(), best.positions(forward == null || forward), forward != null);
    }

    /**
     * The query's conditions with those of a top-level {@code $and} lifted beside the others, as the driver's
     * {@code Filters.and} writes them: for choosing an index only, the matcher still reads the query as it is. A query
     * naming a field twice is left as it is.
     */
    private static Document withoutAnd(Document query) {
        if (!(query.get("$and") instanceof List<?> clauses)) {
            return query;
        }
        Document flat = new Document();
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if (!condition.getKey().equals("$and") && flat.put(condition.getKey(), condition.getValue()) != null) {
                return query;
            }
        }
        for (Object clause : clauses) {
            if (!(clause instanceof Document document)) {
                return query;
            }
            for (Map.Entry<String, Object> condition : withoutAnd(document).entrySet()) {
                if (flat.containsKey(condition.getKey())) {
                    return query;
                }
                flat.put(condition.getKey(), condition.getValue());
            }
        }
        return flat;
    }

    /**
     * The part of the query that pins every field of a unique index to one value (a single-field one also to a list
     * of values), or null. A lookup by it finds the candidates, which are then matched against the whole query;
     * mongo-java-server itself uses a unique index only when the query names exactly its fields.
     */
    private static Document pinnedKeys(Index<Integer> index, Document query) {
        Document lookup = new Document();
        for (var key : index.getKeys()) {
            Object value = query.get(key.getKey());
            if (value instanceof Document operator && operator.size() == 1 && operator.containsKey("$eq")) {
                value = operator.get("$eq");
            }
            if (value instanceof Document operator && operator.keySet().equals(Set.of("$in"))
                    && index.getKeys().size() == 1) {
                lookup.put(key.getKey(), operator);
                continue;
            }
            if (value == null || value instanceof Document || value instanceof Collection<?>
                    || BsonRegularExpression.isRegularExpression(value)) {
                return null;
            }
            lookup.put(key.getKey(), value);
        }
        return index.canHandle(lookup) ? lookup : null;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        IntStream order = isNaturalDescending(orderBy)
                ? IntStream.iterate(end - 1, slot -> slot >= 0, slot -> slot - 1)
                : IntStream.range(0, end);
        Stream<Document> documents = order.filter(slot -> slots[slot] != null).mapToObj(this::getDocument);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
        // While loading, indexes are registered empty and filled by finishLoading in one pass.
        if (loading) {
            return Stream.empty();
        }
        return IntStream.range(0, end).filter(slot -> slots[slot] != null)
                .mapToObj(slot -> new DocumentWithPosition<>(BsonBytes.decode(slots[slot]), slot));
    }

    // mongo-java-server builds and drops indexes outside the collection's lock, racing with writers.
    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    // These read the slots and indexes, which only the collection's lock keeps consistent.
    @Override
    public synchronized int count(Document query, int skip, int limit) {
        return super.count(query, skip, limit);
    }

    @Override
    public synchronized Document getStats() {
        return super.getStats();
    }

    @Override
    public synchronized Document validate() {
        return super.validate();
    }

    @Override
    public synchronized int count() {
        return count;
    }

    @Override
    public synchronized boolean isEmpty() {
        return count == 0;
    }

    @Override
    public synchronized void drop() {
        super.drop();
        changes.drop(namespace);
        slots = new byte[0][];
        end = 0;
        freeCount = 0;
        count = 0;
        dataSize = 0;
        dropped = true;
        live.remove(this);
    }

    /** Logged as effects: the old collection is gone and every document is written again under the new name. */
    @Override
    public synchronized void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        super.renameTo(newDatabase, newCollectionName);
        changes.drop(namespace);
        namespace = getFullName();
        for (int slot = 0; slot < end; slot++) {
            if (slots[slot] != null) {
                changes.put(namespace, slots[slot]);
            }
        }
    }

    /** The store keeps sizes from the encoded bytes it has anyway, instead of encoding every document again. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        dataSize += sizeDelta;
    }

    @Override
    protected int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, dataSize);
    }
}
