package io.paygate.localmongo.journal;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Where the store reports every change of its data, as effects: a document's full new image, the removal of a
 * document by its key, or the removal of a whole collection.
 * <p>
 * The store calls it inside the critical section that changes memory, so that per document the log's order is the
 * memory's order; {@link #awaitDurable()} then holds the reply until the calling thread's changes are on disk.
 */
public interface ChangeLog extends AutoCloseable {

    void put(String namespace, byte[] document);

    void delete(String namespace, byte[] key);

    void drop(String namespace);

    /** Returns once everything the calling thread logged is durable; a no-op if it logged nothing. */
    void awaitDurable();

    /** Figures for {@code serverStatus}. */
    Document status();

    @Override
    void close();

    /** For a store kept in memory only. */
    static ChangeLog none() {
        return InMemoryOnly.INSTANCE;
    }

    enum InMemoryOnly implements ChangeLog {
        INSTANCE;

        @Override
        public void put(String namespace, byte[] document) {
        }

        @Override
        public void delete(String namespace, byte[] key) {
        }

        @Override
        public void drop(String namespace) {
        }

        @Override
        public void awaitDurable() {
        }

        @Override
        public Document status() {
            return new Document("durable", false);
        }

        @Override
        public void close() {
        }
    }
}
