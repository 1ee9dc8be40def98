package io.paygate.localmongo.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one store: numbered journal segments ({@code journal-N.log}), snapshots ({@code snapshot-N.snap},
 * holding everything logged before segment N and possibly some of it), and a lock that keeps a second process out.
 */
final class DataDirectory implements AutoCloseable {

    static final byte[] SEGMENT_MAGIC = "PGMJRNL1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPSHOT_MAGIC = "PGMSNAP1".getBytes(StandardCharsets.US_ASCII);

    private static final Pattern NUMBERED = Pattern.compile("(journal|snapshot)-(\\d{16})\\.(log|snap)");

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DataDirectory open(Path path) throws IOException {
        Files.createDirectories(path);
        FileChannel channel = FileChannel.open(path.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("data directory " + path + " is in use by another local-mongo process");
        }
        return new DataDirectory(path, channel, lock);
    }

    Path path() {
        return path;
    }

    Path segment(long number) {
        return path.resolve("journal-%016d.log".formatted(number));
    }

    Path snapshot(long number) {
        return path.resolve("snapshot-%016d.snap".formatted(number));
    }

    Path snapshotInProgress(long number) {
        return path.resolve("snapshot-%016d.snap.tmp".formatted(number));
    }

    List<Long> segments() throws IOException {
        return numbered("journal");
    }

    OptionalLong latestSnapshot() throws IOException {
        return numbered("snapshot").stream().mapToLong(Long::longValue).max();
    }

    /** Deletes what a snapshot numbered {@code number} made redundant, and snapshots a crash left half written. */
    void deleteBefore(long number) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher matcher = NUMBERED.matcher(name);
                if (name.endsWith(".snap.tmp") || matcher.matches() && Long.parseLong(matcher.group(2)) < number) {
                    Files.deleteIfExists(file);
                }
            }
        }
        force();
    }

    /** Makes file creations, renames and deletions in the directory durable. */
    void force() throws IOException {
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    long bytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private List<Long> numbered(String kind) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> NUMBERED.matcher(file.getFileName().toString()))
                    .filter(matcher -> matcher.matches() && matcher.group(1).equals(kind))
                    .map(matcher -> Long.parseLong(matcher.group(2)))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
