package io.paygate.localmongo.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every document of every collection as {@link Record.Put} frames, closed by an {@link Record.End} frame. It is
 * written under a temporary name, forced, and renamed into place, so a snapshot under its final name is complete.
 */
final class Snapshot {

    private static final int FLUSH_BYTES = 1 << 20;

    private Snapshot() {
    }

    /** Writes snapshot {@code number} and returns its size in bytes. */
    static long write(DataDirectory directory, long number, SnapshotSource source) throws IOException {
        Path temporary = directory.snapshotInProgress(number);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            FrameBuffer buffer = new FrameBuffer(2 * FLUSH_BYTES);
            buffer.appendRaw(DataDirectory.SNAPSHOT_MAGIC);
            long[] position = {0};
            long[] count = {0};
            source.forEachCollection((namespace, collection) -> {
                for (byte[] document : collection) {
                    buffer.append(Record.PUT, namespace, document);
                    count[0]++;
                    if (buffer.length() >= FLUSH_BYTES) {
                        position[0] += buffer.writeTo(channel, position[0]);
                    }
                }
            });
            buffer.append(Record.END, "", ByteBuffer.allocate(8).putLong(count[0]).array());
            buffer.writeTo(channel, position[0]);
            channel.force(true);
        }
        Path target = directory.snapshot(number);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        directory.force();
        return Files.size(target);
    }

    /** Applies snapshot {@code number} to the state; fails if it is not complete. */
    static void read(DataDirectory directory, long number, RecoveredState state) throws IOException {
        Path file = directory.snapshot(number);
        try (FrameReader reader = new FrameReader(file, DataDirectory.SNAPSHOT_MAGIC)) {
            Record record;
            long documents = 0;
            while ((record = reader.next()) != null) {
                if (record instanceof Record.End end) {
                    if (end.documents() != documents) {
                        break;
                    }
                    return;
                }
                if (!(record instanceof Record.Put put)) {
                    break;
                }
                state.load(put);
                documents++;
            }
            throw new IOException("snapshot " + file + " is incomplete or damaged after " + documents + " documents");
        }
    }
}
