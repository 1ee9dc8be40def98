package io.paygate.localmongo.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An append-only log of records with group commit: writers append to a shared buffer and wait; one committer thread
 * writes whatever has accumulated and forces it to disk with one {@code fdatasync}, so concurrent writers share it.
 * <p>
 * Segments are allocated ahead in zero-filled chunks: forcing data into space the file already owns needs no
 * metadata update, which on ext4 made a force four times cheaper (0.17 ms instead of 0.8 ms, measured).
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    // Small enough not to matter on disk, large enough that the metadata update it costs is rare.
    private static final int ALLOCATION_CHUNK = 1 << 20;
    private static final byte[] ZEROS = new byte[ALLOCATION_CHUNK];

    /** What a rotation left behind: the new segment's number and the journal's length at the switch. */
    record Rotation(long segment, long bytesWritten) {
    }

    private final DataDirectory directory;
    private final Consumer<IOException> onFailure;
    private final Runnable afterCommit;
    private final ThreadLocal<long[]> lastAppended = ThreadLocal.withInitial(() -> new long[1]);
    private final Thread committer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition committed = lock.newCondition();
    // Guarded by lock.
    private FrameBuffer pending = new FrameBuffer(1 << 20);
    private FrameBuffer spare = new FrameBuffer(1 << 20);
    private long appended;
    private long durable;
    private boolean rotationRequested;
    private Rotation lastRotation;
    private boolean closing;
    private IOException failure;

    // Owned by the committer thread once started.
    private FileChannel channel;
    private volatile long segment;
    private long position;
    private long allocated;

    private volatile long bytesWritten;
    private volatile long commits;
    private volatile long records;

    Journal(DataDirectory directory, long firstSegment, Consumer<IOException> onFailure, Runnable afterCommit)
            throws IOException {
        this.directory = directory;
        this.onFailure = onFailure;
        this.afterCommit = afterCommit;
        openSegment(firstSegment);
        committer = Thread.ofPlatform().name("mongo-journal").daemon().unstarted(this::commitLoop);
        committer.start();
    }

    /** Appends a record; the calling thread's next {@link #awaitDurable()} waits for it. */
    void append(byte type, String namespace, byte[] body) {
        long sequence;
        lock.lock();
        try {
            if (failure != null || closing) {
                throw new IllegalStateException("the journal is closed", failure);
            }
            pending.append(type, namespace, body);
            sequence = ++appended;
            work.signal();
        } finally {
            lock.unlock();
        }
        lastAppended.get()[0] = sequence;
    }

    void awaitDurable() {
        long[] mark = lastAppended.get();
        long sequence = mark[0];
        if (sequence == 0) {
            return;
        }
        mark[0] = 0;
        lock.lock();
        try {
            while (durable < sequence) {
                if (failure != null) {
                    throw new IllegalStateException("the journal failed; the change is not durable", failure);
                }
                committed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the current segment after everything appended so far and continues in a new one. A snapshot started
     * after this returns holds the effects of every record in the older segments.
     */
    Rotation rotate() {
        lock.lock();
        try {
            if (failure != null) {
                throw new IllegalStateException("the journal failed", failure);
            }
            rotationRequested = true;
            work.signal();
            while (rotationRequested && failure == null) {
                committed.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new IllegalStateException("the journal failed", failure);
            }
            return lastRotation;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of records written since this journal was opened. */
    long bytesWritten() {
        return bytesWritten;
    }

    long commits() {
        return commits;
    }

    long records() {
        return records;
    }

    long segment() {
        return segment;
    }

    private void commitLoop() {
        while (true) {
            FrameBuffer batch;
            long batchEnd;
            boolean rotate;
            lock.lock();
            try {
                while (pending.isEmpty() && !rotationRequested && !closing) {
                    work.awaitUninterruptibly();
                }
                if (pending.isEmpty() && !rotationRequested) {
                    return;
                }
                batch = pending;
                pending = spare;
                batchEnd = appended;
                rotate = rotationRequested;
            } finally {
                lock.unlock();
            }
            Rotation rotation = null;
            int frames = batch.frames();
            try {
                if (!batch.isEmpty()) {
                    write(batch);
                }
                if (rotate) {
                    rotation = new Rotation(segment + 1, bytesWritten);
                    closeSegment();
                    openSegment(rotation.segment());
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            lock.lock();
            try {
                spare = batch;
                durable = batchEnd;
                if (rotate) {
                    lastRotation = rotation;
                    rotationRequested = false;
                }
                committed.signalAll();
            } finally {
                lock.unlock();
            }
            if (frames > 0) {
                records += frames;
                commits++;
                afterCommit.run();
            }
        }
    }

    private void write(FrameBuffer batch) throws IOException {
        long end = position + batch.length();
        boolean grew = false;
        while (end > allocated) {
            ByteBuffer zeros = ByteBuffer.wrap(ZEROS);
            while (zeros.hasRemaining()) {
                channel.write(zeros, allocated + zeros.position());
            }
            allocated += ALLOCATION_CHUNK;
            grew = true;
        }
        int length = batch.writeTo(channel, position);
        channel.force(grew);
        position += length;
        bytesWritten += length;
    }

    private void openSegment(long number) throws IOException {
        channel = FileChannel.open(directory.segment(number), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(DataDirectory.SEGMENT_MAGIC), 0);
        channel.force(true);
        directory.force();
        segment = number;
        position = DataDirectory.SEGMENT_MAGIC.length;
        allocated = position;
    }

    /** Gives back the space allocated ahead, so that a closed segment is exactly its records. */
    private void closeSegment() throws IOException {
        channel.truncate(position);
        channel.force(true);
        channel.close();
    }

    private void fail(IOException e) {
        lock.lock();
        try {
            failure = e;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        log.error("journal write failed: acknowledged writes can no longer be made durable", e);
        onFailure.accept(e);
    }

    /** Writes and forces what is pending, then closes the segment; appending afterwards fails. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing the journal", e);
        }
        if (failure == null) {
            closeSegment();
        }
    }
}
