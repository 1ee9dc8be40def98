package io.paygate.localmongo.journal;

import java.io.IOException;
import java.util.List;

/** The live data a snapshot is written from. */
public interface SnapshotSource {

    /** Calls the visitor once per collection with its documents, each collection as one consistent moment saw it. */
    void forEachCollection(CollectionVisitor visitor) throws IOException;

    @FunctionalInterface
    interface CollectionVisitor {
        void visit(String namespace, List<byte[]> documents) throws IOException;
    }
}
