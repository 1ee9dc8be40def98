package io.paygate.localmongo.journal;

import java.nio.ByteBuffer;

/**
 * One effect in a journal segment or a snapshot. Payload layout: type (1 byte), namespace length (2 bytes), the
 * namespace in UTF-8 ({@code database.collection}), then the body: a document's BSON, a key, or nothing.
 */
sealed interface Record {

    byte PUT = 'P';
    byte DELETE = 'D';
    byte DROP = 'X';
    byte END = 'E';

    /** A document's full image, inserted or replacing the one with the same key. */
    record Put(String namespace, byte[] document) implements Record {
    }

    /** The document with this key is gone. */
    record Delete(String namespace, byte[] key) implements Record {
    }

    /** The collection and all its documents are gone. */
    record Drop(String namespace) implements Record {
    }

    /** Closes a snapshot: one without it was never completed. */
    record End(long documents) implements Record {
    }

    static Record of(byte type, String namespace, byte[] body) {
        return switch (type) {
            case PUT -> new Put(namespace, body);
            case DELETE -> new Delete(namespace, body);
            case DROP -> new Drop(namespace);
            case END -> new End(ByteBuffer.wrap(body).getLong());
            default -> throw new IllegalArgumentException("unknown record type " + type);
        };
    }
}
