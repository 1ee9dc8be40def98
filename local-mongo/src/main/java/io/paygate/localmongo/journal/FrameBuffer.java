package io.paygate.localmongo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Records framed as {@code [payload length][CRC32C of payload][payload]}, collected in memory before they are written.
 * The checksum lets recovery tell a record torn by a crash from a whole one.
 */
final class FrameBuffer {

    static final int HEADER_BYTES = 8;
    /** Far above any frame we write (BSON documents stop at 16 MB): a larger length is garbage. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    private final int initialCapacity;
    private byte[] bytes;
    private int length;
    private int frames;

    FrameBuffer(int capacity) {
        initialCapacity = capacity;
        bytes = new byte[capacity];
    }

    void append(byte type, String namespace, byte[] body) {
        byte[] name = namespace.getBytes(StandardCharsets.UTF_8);
        int payloadLength = 3 + name.length + body.length;
        ensureCapacity(HEADER_BYTES + payloadLength);
        int payloadStart = length + HEADER_BYTES;
        bytes[payloadStart] = type;
        bytes[payloadStart + 1] = (byte) (name.length >>> 8);
        bytes[payloadStart + 2] = (byte) name.length;
        System.arraycopy(name, 0, bytes, payloadStart + 3, name.length);
        System.arraycopy(body, 0, bytes, payloadStart + 3 + name.length, body.length);
        CRC32C crc = new CRC32C();
        crc.update(bytes, payloadStart, payloadLength);
        ByteBuffer.wrap(bytes, length, HEADER_BYTES).putInt(payloadLength).putInt((int) crc.getValue());
        length += HEADER_BYTES + payloadLength;
        frames++;
    }

    void appendRaw(byte[] raw) {
        ensureCapacity(raw.length);
        System.arraycopy(raw, 0, bytes, length, raw.length);
        length += raw.length;
    }

    /** Writes everything at {@code position} and empties the buffer; returns the bytes written. */
    int writeTo(FileChannel channel, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        int written = length;
        clear();
        return written;
    }

    int length() {
        return length;
    }

    int frames() {
        return frames;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void clear() {
        length = 0;
        frames = 0;
        // One huge batch (an insert of many large documents) must not pin its buffer for the process's lifetime.
        if (bytes.length > 4 * initialCapacity) {
            bytes = new byte[initialCapacity];
        }
    }

    private void ensureCapacity(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
