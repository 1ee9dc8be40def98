package io.paygate.localmongo.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The documents of every collection as the snapshot and journal left them, built by applying their records in order,
 * before the backend turns them into live collections.
 * <p>
 * Every record is a blind write (an image, a removal, a collection emptied), so replaying a segment over a snapshot
 * that already holds some of its effects ends in the same state.
 */
public final class RecoveredState {

    private final Map<String, Map<String, Documents>> databases = new HashMap<>();
    private long records;

    public static RecoveredState empty() {
        return new RecoveredState();
    }

    /** A snapshot's document: its keys are unique already, so none is looked up. */
    void load(Record.Put put) {
        records++;
        collection(put.namespace()).documents.add(put.document());
    }

    void apply(Record record) {
        records++;
        switch (record) {
            case Record.Put put -> collection(put.namespace()).put(put.document());
            case Record.Delete delete -> collection(delete.namespace()).delete(delete.key());
            case Record.Drop drop -> dropCollection(drop.namespace());
            case Record.End end -> {
            }
        }
    }

    long records() {
        return records;
    }

    /** Documents in the databases' own collections, not in their lists of collections and indexes. */
    public long documents() {
        return databases.values().stream().flatMap(collections -> collections.entrySet().stream())
                .filter(collection -> !collection.getKey().startsWith("system."))
                .mapToLong(collection -> collection.getValue().count()).sum();
    }

    /** Hands over the documents, by database and collection, in the order they were first stored; then forgets them. */
    public Map<String, Map<String, List<byte[]>>> takeDatabases() {
        Map<String, Map<String, List<byte[]>>> taken = new HashMap<>();
        databases.forEach((database, collections) -> {
            Map<String, List<byte[]>> byName = new HashMap<>();
            collections.forEach((name, documents) -> byName.put(name, documents.take()));
            taken.put(database, byName);
        });
        databases.clear();
        return taken;
    }

    /**
     * A database whose last collection is dropped is gone, as in MongoDB. A drop replayed over a snapshot taken after
     * it finds nothing to drop, and must not bring the database back as an empty one.
     */
    private void dropCollection(String namespace) {
        String database = databaseName(namespace);
        Map<String, Documents> collections = databases.get(database);
        if (collections != null) {
            collections.remove(collectionName(namespace));
            if (collections.isEmpty()) {
                databases.remove(database);
            }
        }
    }

    private Documents collection(String namespace) {
        return database(namespace).computeIfAbsent(collectionName(namespace), Documents::new);
    }

    private Map<String, Documents> database(String namespace) {
        return databases.computeIfAbsent(databaseName(namespace), name -> new HashMap<>());
    }

    private static String databaseName(String namespace) {
        return namespace.substring(0, namespace.indexOf('.'));
    }

    private static String collectionName(String namespace) {
        return namespace.substring(namespace.indexOf('.') + 1);
    }

    /** One collection's documents; positions by key are built only once a journal record needs them. */
    private static final class Documents {

        private final String collectionName;
        private final List<byte[]> documents = new ArrayList<>();
        private Map<Key, Integer> positions;

        Documents(String collectionName) {
            this.collectionName = collectionName;
        }

        void put(byte[] document) {
            Integer position = positions().putIfAbsent(key(document), documents.size());
            if (position == null) {
                documents.add(document);
            } else {
                documents.set(position, document);
            }
        }

        void delete(byte[] key) {
            Integer position = positions().remove(new Key(key));
            if (position != null) {
                documents.set(position, null);
            }
        }

        long count() {
            return positions == null ? documents.size() : positions.size();
        }

        List<byte[]> take() {
            List<byte[]> taken = positions == null ? documents
                    : documents.stream().filter(Objects::nonNull).toList();
            positions = null;
            return taken;
        }

        private Map<Key, Integer> positions() {
            if (positions == null) {
                positions = new HashMap<>();
                for (int i = 0; i < documents.size(); i++) {
                    positions.put(key(documents.get(i)), i);
                }
            }
            return positions;
        }

        private Key key(byte[] document) {
            return new Key(DocumentKey.of(collectionName, document));
        }
    }

    private record Key(byte[] bytes, int hash) {

        Key(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
