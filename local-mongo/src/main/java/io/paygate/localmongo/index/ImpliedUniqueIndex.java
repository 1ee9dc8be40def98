package io.paygate.localmongo.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/**
 * A unique index whose fields include {@code _id}: no document can ever break it, and a query that pins {@code _id}
 * is answered by the {@code _id} index, so it keeps no entries at all.
 * <p>
 * payment-service creates such indexes because mongo-java-server used an index only for queries naming exactly its
 * fields; here they would only cost memory and an update per write.
 */
public final class ImpliedUniqueIndex extends Index<Integer> {

    /** Built as sparse so that the collection accepts that it holds no position for a document it removes. */
    public ImpliedUniqueIndex(String name, List<IndexKey> keys) {
        super(name, keys, true);
    }

    public static boolean impliedById(List<IndexKey> keys) {
        return keys.size() > 1 && keys.stream().anyMatch(key -> key.getKey().equals("_id"));
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public Integer getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
    }

    @Override
    public Integer remove(Document document) {
        return null;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Integer position,
                              MongoCollection<Integer> collection) {
    }

    /** The {@code _id} index comes first and takes every query this one could serve. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        throw new UnsupportedOperationException("served by the _id index");
    }

    @Override
    public long getCount() {
        return 0;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
    }
}
