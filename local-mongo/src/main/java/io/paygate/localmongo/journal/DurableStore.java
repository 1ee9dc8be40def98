package io.paygate.localmongo.journal;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A data directory kept as a snapshot plus a journal of everything changed since: recovered at start, appended to
 * while serving, and compacted into a new snapshot when the journal has outgrown the snapshot.
 * <p>
 * Compaction runs beside the writers: it rotates the journal to a new segment, writes every collection as it is
 * then, and deletes the segments before the rotation. Records of the new segment that the snapshot already holds
 * are replayed over it harmlessly, since each is a blind write.
 */
public final class DurableStore implements ChangeLog {

    private static final Logger log = LoggerFactory.getLogger(DurableStore.class);
    private static final long FAILED_COMPACTION_PAUSE_MILLIS = 10_000;

    private final DataDirectory directory;
    private final long compactionThreshold;
    private final Journal journal;
    private final Object compactionSignal = new Object();
    private final Object compactionRun = new Object();
    private RecoveredState recovered;
    private final Recovery recovery;
    private volatile SnapshotSource source;
    private Thread compactor;

    private volatile long snapshotBytes;
    /** {@link Journal#bytesWritten()} when the last snapshot's rotation happened; negative for replayed bytes. */
    private volatile long rotationPoint;
    private volatile boolean compactionWanted;
    private volatile boolean stopping;
    private volatile long compactions;

    /** What start-up found in the directory. */
    public record Recovery(long documents, long snapshotBytes, long journalBytes, boolean tornTail) {
    }

    private DurableStore(DataDirectory directory, long compactionThreshold, RecoveredState recovered,
                         Recovery recovery, long nextSegment, Consumer<IOException> onFailure) throws IOException {
        this.directory = directory;
        this.compactionThreshold = compactionThreshold;
        this.recovered = recovered;
        this.recovery = recovery;
        this.snapshotBytes = recovery.snapshotBytes();
        this.rotationPoint = -recovery.journalBytes();
        this.journal = new Journal(directory, nextSegment, onFailure, this::considerCompaction);
    }

    /**
     * Locks the directory, loads its latest snapshot and replays the journal after it. A torn record at the end of
     * the last segment (a write the crash cut short, never acknowledged) is cut off; damage anywhere else stops the
     * start, since it would lose acknowledged writes.
     */
    public static DurableStore open(Path path, long compactionThreshold, Consumer<IOException> onFailure)
            throws IOException {
        DataDirectory directory = DataDirectory.open(path);
        try {
            RecoveredState state = RecoveredState.empty();
            OptionalLong snapshot = directory.latestSnapshot();
            long first = snapshot.orElse(0);
            long snapshotBytes = 0;
            if (snapshot.isPresent()) {
                Snapshot.read(directory, first, state);
                snapshotBytes = Files.size(directory.snapshot(first));
            }
            directory.deleteBefore(first);
            List<Long> segments = directory.segments();
            long journalBytes = 0;
            boolean torn = false;
            for (int i = 0; i < segments.size(); i++) {
                long number = segments.get(i);
                torn |= replay(directory, number, i == segments.size() - 1, state);
                journalBytes += Files.exists(directory.segment(number))
                        ? Files.size(directory.segment(number)) - DataDirectory.SEGMENT_MAGIC.length : 0;
            }
            long next = segments.isEmpty() ? first : Math.max(first, segments.getLast() + 1);
            Recovery recovery = new Recovery(state.documents(), snapshotBytes, journalBytes, torn);
            return new DurableStore(directory, compactionThreshold, state, recovery, next, onFailure);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Replays one segment; returns whether a torn tail was cut off. */
    private static boolean replay(DataDirectory directory, long number, boolean last, RecoveredState state)
            throws IOException {
        Path file = directory.segment(number);
        long before = state.records();
        FrameReader.Tail tail;
        long validEnd;
        try (FrameReader reader = new FrameReader(file, DataDirectory.SEGMENT_MAGIC)) {
            Record record;
            while ((record = reader.next()) != null) {
                state.apply(record);
            }
            tail = reader.tail();
            validEnd = reader.validEnd();
        }
        long records = state.records() - before;
        if (tail == FrameReader.Tail.TORN && !last) {
            throw new IOException("journal segment " + file + " is damaged at byte " + validEnd
                    + ", before the last segment: refusing to start without the writes after it");
        }
        if (records == 0) {
            Files.delete(file);
        } else if (tail != FrameReader.Tail.CLEAN) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(validEnd);
                channel.force(true);
            }
        }
        if (tail == FrameReader.Tail.TORN) {
            log.warn("cut a torn record off the end of {} at byte {}: a write the crash interrupted", file, validEnd);
        }
        return tail == FrameReader.Tail.TORN;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Hands the recovered documents to the backend that will serve them. */
    public RecoveredState takeRecovered() {
        RecoveredState taken = recovered;
        recovered = null;
        return taken;
    }

    /** Starts compacting in the background from the live data; at once if the replayed journal is worth folding. */
    public void serve(SnapshotSource liveData) {
        source = liveData;
        compactor = Thread.ofPlatform().name("mongo-compactor").daemon().start(this::compactWhenWanted);
        if (worthCompacting()) {
            requestCompaction();
        }
    }

    @Override
    public void put(String namespace, byte[] document) {
        journal.append(Record.PUT, namespace, document);
    }

    @Override
    public void delete(String namespace, byte[] key) {
        journal.append(Record.DELETE, namespace, key);
    }

    @Override
    public void drop(String namespace) {
        journal.append(Record.DROP, namespace, new byte[0]);
    }

    @Override
    public void awaitDurable() {
        journal.awaitDurable();
    }

    @Override
    public Document status() {
        return new Document("durable", true)
                .append("dataDirectory", directory.path().toString())
                .append("commits", journal.commits())
                .append("records", journal.records())
                .append("bytesWritten", journal.bytesWritten())
                .append("segment", journal.segment())
                .append("journalBytes", journalBytes())
                .append("snapshotBytes", snapshotBytes)
                .append("compactions", compactions)
                .append("bytesOnDisk", bytesOnDisk());
    }

    private void compact() throws IOException {
        synchronized (compactionRun) {
            long started = System.nanoTime();
            Journal.Rotation rotation = journal.rotate();
            long bytes = Snapshot.write(directory, rotation.segment(), source);
            long folded = rotation.bytesWritten() - rotationPoint;
            rotationPoint = rotation.bytesWritten();
            snapshotBytes = bytes;
            directory.deleteBefore(rotation.segment());
            compactions++;
            log.info("compacted {} MB of journal into a {} MB snapshot in {} ms", folded >> 20, bytes >> 20,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Stops compacting, folds the journal into a snapshot if worthwhile, flushes and releases the directory. */
    @Override
    public void close() {
        stopping = true;
        synchronized (compactionSignal) {
            compactionSignal.notifyAll();
        }
        try {
            if (compactor != null) {
                compactor.join();
            }
            if (source != null && worthCompacting()) {
                compact();
            }
            journal.close();
            directory.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not close the data directory cleanly; the journal is intact", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long journalBytes() {
        return journal.bytesWritten() - rotationPoint;
    }

    private long bytesOnDisk() {
        try {
            return directory.bytesOnDisk();
        } catch (IOException e) {
            return -1;
        }
    }

    /** On start and at shutdown: when replaying the journal would cost at least a quarter of loading the snapshot. */
    private boolean worthCompacting() {
        long journalBytes = journalBytes();
        return journalBytes > 0 && journalBytes >= snapshotBytes / 4;
    }

    /** After every commit, on the committer thread: cheap unless a compaction is due. */
    private void considerCompaction() {
        if (!compactionWanted && source != null
                && journalBytes() > Math.max(compactionThreshold, snapshotBytes)) {
            requestCompaction();
        }
    }

    private void requestCompaction() {
        synchronized (compactionSignal) {
            compactionWanted = true;
            compactionSignal.notifyAll();
        }
    }

    private void compactWhenWanted() {
        while (true) {
            synchronized (compactionSignal) {
                while (!compactionWanted && !stopping) {
                    try {
                        compactionSignal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
            }
            try {
                compact();
                compactionWanted = false;
            } catch (IOException | RuntimeException e) {
                log.error("compaction failed; the journal keeps every change and it will be retried", e);
                pauseAfterFailure();
                compactionWanted = false;
            }
        }
    }

    private void pauseAfterFailure() {
        synchronized (compactionSignal) {
            long until = System.currentTimeMillis() + FAILED_COMPACTION_PAUSE_MILLIS;
            for (long wait; !stopping && (wait = until - System.currentTimeMillis()) > 0; ) {
                try {
                    compactionSignal.wait(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
