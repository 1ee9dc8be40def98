package io.paygate.localmongo.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A document's identity inside its collection, read from its encoded BSON without decoding it: the type byte and
 * value bytes of its id field, or the whole document in a collection without one ({@code system.indexes}).
 * <p>
 * The journal and recovery both derive keys here, from the stored bytes, so a key is the same everywhere.
 */
public final class DocumentKey {

    private static final byte[] ID = "_id".getBytes(StandardCharsets.US_ASCII);
    // mongo-java-server keys its namespace list by name and its index list by nothing.
    private static final byte[] NAME = "name".getBytes(StandardCharsets.US_ASCII);
    private static final String NAMESPACES = "system.namespaces";
    private static final String INDEXES = "system.indexes";

    private DocumentKey() {
    }

    public static byte[] of(String collectionName, byte[] document) {
        if (collectionName.equals(INDEXES)) {
            return document;
        }
        byte[] field = collectionName.equals(NAMESPACES) ? NAME : ID;
        ByteBuffer bson = ByteBuffer.wrap(document).order(ByteOrder.LITTLE_ENDIAN);
        int position = 4;
        while (document[position] != 0) {
            int elementStart = position;
            byte type = document[position++];
            int nameStart = position;
            while (document[position] != 0) {
                position++;
            }
            boolean matches = Arrays.equals(document, nameStart, position, field, 0, field.length);
            position++;
            int valueEnd = position + valueLength(type, bson, position);
            if (matches) {
                byte[] key = new byte[1 + valueEnd - position];
                key[0] = document[elementStart];
                System.arraycopy(document, position, key, 1, valueEnd - position);
                return key;
            }
            position = valueEnd;
        }
        return document;
    }

    private static int valueLength(byte type, ByteBuffer bson, int position) {
        return switch (type) {
            case 0x01, 0x09, 0x11, 0x12 -> 8;                   // double, date, timestamp, int64
            case 0x02, 0x0D, 0x0E -> 4 + bson.getInt(position); // string, JavaScript, symbol
            case 0x03, 0x04, 0x0F -> bson.getInt(position);     // document, array, code with scope
            case 0x05 -> 5 + bson.getInt(position);             // binary: length, subtype, bytes
            case 0x06, 0x0A, (byte) 0xFF, 0x7F -> 0;            // undefined, null, min key, max key
            case 0x07 -> 12;                                    // object id
            case 0x08 -> 1;                                     // boolean
            case 0x0B -> regexLength(bson, position);
            case 0x0C -> 4 + bson.getInt(position) + 12;        // DB pointer
            case 0x10 -> 4;                                     // int32
            case 0x13 -> 16;                                    // decimal128
            default -> throw new IllegalArgumentException("unknown BSON type " + type);
        };
    }

    private static int regexLength(ByteBuffer bson, int position) {
        int end = position;
        for (int terminators = 0; terminators < 2; end++) {
            if (bson.get(end) == 0) {
                terminators++;
            }
        }
        return end - position;
    }
}
