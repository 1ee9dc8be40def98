package io.paygate.localmongo.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the records of a journal segment or snapshot in order, stopping at the first frame that is incomplete or
 * fails its checksum. What follows that point is {@link Tail#ZEROS} (space allocated ahead and never written) or
 * {@link Tail#TORN} (a write cut short by a crash, or damage).
 * <p>
 * A record's body is read straight into its own array, the one the store then keeps: loading copies no document.
 */
final class FrameReader implements AutoCloseable {

    enum Tail { CLEAN, ZEROS, TORN }

    private final FileChannel channel;
    private final DataInputStream in;
    private final long size;
    private long offset;
    private long validEnd;
    private Tail tail;

    FrameReader(Path file, byte[] magic) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        size = channel.size();
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 20));
        byte[] header = in.readNBytes(magic.length);
        if (!Arrays.equals(header, magic)) {
            // A file cut before its header reached the disk holds no record.
            tail = Tail.TORN;
        }
        offset = header.length;
        validEnd = tail == null ? offset : 0;
    }

    /** The next whole record, or null at the end of the valid frames. */
    Record next() throws IOException {
        if (tail != null) {
            return null;
        }
        long remaining = size - offset;
        if (remaining == 0) {
            tail = Tail.CLEAN;
            return null;
        }
        if (remaining < FrameBuffer.HEADER_BYTES + 3) {
            return stop(true);
        }
        int length = in.readInt();
        int checksum = in.readInt();
        if (length < 3 || length > FrameBuffer.MAX_PAYLOAD_BYTES || length > remaining - FrameBuffer.HEADER_BYTES) {
            return stop(length == 0 && checksum == 0);
        }
        byte[] prefix = new byte[3];
        in.readFully(prefix);
        int namespaceLength = (prefix[1] & 0xff) << 8 | prefix[2] & 0xff;
        if (namespaceLength > length - 3) {
            return stop(false);
        }
        byte[] namespace = new byte[namespaceLength];
        byte[] body = new byte[length - 3 - namespaceLength];
        in.readFully(namespace);
        in.readFully(body);
        CRC32C crc = new CRC32C();
        crc.update(prefix);
        crc.update(namespace);
        crc.update(body);
        if ((int) crc.getValue() != checksum) {
            return stop(false);
        }
        offset += FrameBuffer.HEADER_BYTES + length;
        validEnd = offset;
        return Record.of(prefix[0], new String(namespace, StandardCharsets.UTF_8), body);
    }

    /** Where the last whole frame ends: the length to truncate a damaged file to. */
    long validEnd() {
        return validEnd;
    }

    /** What follows the valid frames; known once {@link #next()} returned null. */
    Tail tail() {
        return tail;
    }

    private Record stop(boolean zerosSoFar) throws IOException {
        tail = zerosSoFar && restIsZeros() ? Tail.ZEROS : Tail.TORN;
        return null;
    }

    private boolean restIsZeros() throws IOException {
        byte[] block = new byte[64 << 10];
        int read;
        while ((read = in.read(block)) > 0) {
            for (int i = 0; i < read; i++) {
                if (block[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
