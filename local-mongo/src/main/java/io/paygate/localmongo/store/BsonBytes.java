package io.paygate.localmongo.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Documents as the BSON bytes the store keeps them in: a payment is ~700 bytes this way against several kilobytes
 * as a graph of Java objects, and an array holds no references for the collector to trace.
 */
final class BsonBytes {

    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private BsonBytes() {
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = BUFFERS.get();
        buffer.clear();
        BsonEncoder.encodeDocument(document, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(0, bytes);
        if (buffer.capacity() > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
        return bytes;
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
