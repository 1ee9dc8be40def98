package io.paygate.localmongo.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A non-unique index kept sorted, which mongo-java-server leaves unimplemented: it answers equality on a prefix of
 * its fields, optionally with a range or {@code $in} on the next field, with the positions of the documents in that
 * range only; the collection still matches each document against the whole query.
 * <p>
 * A sparse index leaves out documents that have none of its fields. A {@code partialFilterExpression} is ignored:
 * indexing more documents than asked costs memory, never a wrong answer. An array value gives one entry per
 * element, and from then on the index no longer claims to return documents in sort order.
 */
public final class SortedIndex extends Index<Integer> {

    private final List<String> fields;
    private final boolean[] ascending;
    private final ConcurrentSkipListMap<IndexEntry, Integer> entries;
    private volatile long size;
    private volatile boolean multikey;

    public SortedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        fields = keys();
        ascending = new boolean[keys.size()];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        entries = new ConcurrentSkipListMap<>(IndexEntry.order(ascending));
    }

    /** Never one document: the collection finds a document's position through its unique {@code _id} index. */
    @Override
    public Integer getPosition(Document document) {
        return null;
    }

    /** Computes the keys only to refuse what MongoDB refuses (parallel arrays) before anything is changed. */
    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        keyValues(document);
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Object id = idOf(document);
        for (Object[] values : keyValues(document)) {
            if (entries.put(new IndexEntry(values, id), position) == null) {
                size++;
            }
        }
    }

    @Override
    public Integer remove(Document document) {
        Object id = idOf(document);
        Integer position = null;
        for (Object[] values : keyValues(document)) {
            Integer removed = entries.remove(new IndexEntry(values, id));
            if (removed != null) {
                size--;
                position = removed;
            }
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        keyValues(newDocument);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Integer position,
                              MongoCollection<Integer> collection) {
        if (!sameKeys(keyValues(oldDocument), keyValues(newDocument))) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return plan(query) != null;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        return plan(query).positions(true).toList();
    }

    /** How this index would answer the query, or null if it cannot narrow it down. */
    public IndexScan plan(Document query) {
        return IndexScan.plan(this, query);
    }

    @Override
    public long getCount() {
        return size;
    }

    @Override
    public long getDataSize() {
        return size;
    }

    @Override
    public void drop() {
        entries.clear();
        size = 0;
    }

    List<String> fields() {
        return fields;
    }

    boolean ascending(int field) {
        return ascending[field];
    }

    boolean sparse() {
        return isSparse();
    }

    boolean multikey() {
        return multikey;
    }

    ConcurrentSkipListMap<IndexEntry, Integer> entries() {
        return entries;
    }

    /** The index keys of a document: one per array element if a field holds an array; none if sparse and absent. */
    private List<Object[]> keyValues(Document document) {
        List<Object> raw = new ArrayList<>(fields.size());
        boolean present = false;
        for (String field : fields) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            present |= !(value instanceof Missing);
            raw.add(value);
        }
        if (isSparse() && !present) {
            return List.of();
        }
        KeyValue normalized = new KeyValue(raw).normalized();
        Object[] values = normalized.stream().toArray();
        int arrays = 0;
        int arrayField = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Collection<?>) {
                arrays++;
                arrayField = i;
            }
        }
        if (arrays == 0) {
            return List.<Object[]>of(values);
        }
        multikey = true;
        if (arrays == 1) {
            return expand(values, arrayField);
        }
        // Several array fields: mongo-java-server refuses parallel arrays and pairs up the elements of nested ones.
        Set<KeyValue> combinations = getKeyValues(document);
        if (combinations.isEmpty()) {
            return expand(values, arrayField);
        }
        return combinations.stream().map(combination -> combination.stream().toArray()).toList();
    }

    private static List<Object[]> expand(Object[] values, int arrayField) {
        Collection<?> elements = (Collection<?>) values[arrayField];
        if (elements.isEmpty()) {
            // MongoDB indexes an empty array as undefined; null keeps the document findable by its other fields.
            Object[] empty = values.clone();
            empty[arrayField] = null;
            return List.<Object[]>of(empty);
        }
        List<Object[]> expanded = new ArrayList<>(elements.size());
        for (Object element : elements) {
            Object[] one = values.clone();
            one[arrayField] = element;
            expanded.add(one);
        }
        return expanded;
    }

    private static Object idOf(Document document) {
        return normalized(document.get(Constants.ID_FIELD));
    }

    /** A value as mongo-java-server compares it: numbers as doubles, missing as null. */
    static Object normalized(Object value) {
        return new KeyValue(Arrays.asList(value)).normalized().get(0);
    }

    private boolean sameKeys(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        var order = entries.comparator();
        for (int i = 0; i < a.size(); i++) {
            if (order.compare(new IndexEntry(a.get(i), null), new IndexEntry(b.get(i), null)) != 0) {
                return false;
            }
        }
        return true;
    }
}
