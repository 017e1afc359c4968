package io.pacslite.archive.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The commit journal (a write-ahead log) of a {@link FileSystemBlobStore}, in
 * {@code <root>/journal/}: small committed files are appended to it whole, and one fdatasync
 * of the journal makes them durable instead of an fsync of each file and of its directory
 * (docs/storage.md). Concurrent committers share that fdatasync (group commit): a caller of
 * {@link #sync} returns once a force that began after its record was written has succeeded.
 *
 * <p>Segments ({@link JournalSegment}) are created ahead, zero-filled, and reused: one is
 * appended to; a full one is sealed (forced) and the next taken; a checkpoint seals the one
 * in use, makes the files its records name durable, and recycles the sealed segments.
 * Records are written in order under one lock, so every record before a forced one is whole.
 * Thread-safe.
 */
final class Journal implements Closeable {

    /** Size of each segment file. */
    static final long SEGMENT_SIZE = 64L << 20;

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final long segmentSize;
    private final Runnable onSegmentFull;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Every segment file, by creation order; guarded by appendLock, as are the fields up to {@code appended}. */
    private final List<JournalSegment> segments;
    private final ArrayDeque<JournalSegment> free = new ArrayDeque<>();
    /** Full segments, and those a checkpoint has taken, until they are recycled. */
    private final List<JournalSegment> sealed = new ArrayList<>();
    private JournalSegment active;
    private long nextGeneration;
    /** Bytes appended since opening, over all segments: the position a {@link #sync} ticket names. */
    private long appended;
    private int nextSegmentNumber;

    private final Object forces = new Object();
    /** Tickets up to this are durable; guarded by {@code forces}. */
    private long forced;
    private boolean forcing;
    private long forceCount;
    /** Set when a write or force failed: the journal is not used again until the store reopens. */
    private volatile IOException failure;

    private Journal(Path dir, long segmentSize, Runnable onSegmentFull, List<JournalSegment> segments) {
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.onSegmentFull = onSegmentFull;
        this.segments = segments;
        long newest = segments.stream().mapToLong(JournalSegment::generation).max().orElse(0);
        // Never reuse a generation: a recycled file still holds the old generation's records.
        this.nextGeneration = Math.max(newest + 1, System.currentTimeMillis() * 1000);
        for (JournalSegment segment : segments) {
            if (!segment.inUse()) {
                free.add(segment);
            }
        }
    }

    /**
     * Opens the journal in {@code dir} (created if needed) with its existing segments. Their
     * records are still to be replayed ({@link #records()}), then {@link #clear()}ed.
     *
     * @param onSegmentFull called (under the append lock, so it must only signal) when a segment fills up
     */
    static Journal open(Path dir, long segmentSize, Runnable onSegmentFull) throws IOException {
        Files.createDirectories(dir);
        List<JournalSegment> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    segments.add(JournalSegment.open(file));
                } else if (name.endsWith(".new")) {
                    Files.delete(file); // a segment whose creation was interrupted
                }
            }
        } catch (IOException | RuntimeException e) {
            for (JournalSegment segment : segments) {
                segment.close();
            }
            throw e;
        }
        segments.sort(Comparator.comparing(JournalSegment::path));
        return new Journal(dir, segmentSize, onSegmentFull, segments);
    }

    /** Whether a record for a file of {@code bytes} and this key fits in a segment. */
    boolean accepts(long bytes, String key) {
        return failure == null && JournalSegment.fitsEmpty(segmentSize, recordLength(key, bytes));
    }

    /** Every valid record left by the previous run, oldest first. */
    List<JournalSegment.Entry> records() throws IOException {
        List<JournalSegment.Entry> entries = new ArrayList<>();
        List<JournalSegment> inUse = segments.stream().filter(JournalSegment::inUse)
                .sorted(Comparator.comparingLong(JournalSegment::generation)).toList();
        for (JournalSegment segment : inUse) {
            entries.addAll(segment.scan());
        }
        return entries;
    }

    /** Marks every segment free, durably; after replay, once the files its records name are durable. */
    void clear() throws IOException {
        appendLock.lock();
        try {
            for (JournalSegment segment : segments) {
                if (segment.inUse()) {
                    segment.recycle();
                    free.add(segment);
                }
            }
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Appends a record of a file (its whole bytes, {@code data}'s remaining) and returns the
     * ticket to {@link #sync} on. Nothing is durable before the sync.
     */
    long appendFile(String key, ByteBuffer data) throws IOException {
        return append(JournalSegment.FILE, key, data);
    }

    /**
     * Appends a tombstone: earlier records of {@code key} are not replayed. Written before a
     * file is deleted or committed outside the journal, so replay cannot bring back an older
     * version over it.
     */
    long appendTombstone(String key) throws IOException {
        return append(JournalSegment.TOMBSTONE, key, ByteBuffer.allocate(0));
    }

    private long append(byte kind, String key, ByteBuffer data) throws IOException {
        int length = recordLength(key, data.remaining());
        appendLock.lock();
        try {
            requireHealthy();
            try {
                if (active == null || !active.fits(length)) {
                    roll();
                }
                active.append(kind, key, data);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            appended += length;
            return appended;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Returns once every record up to {@code ticket} is durable: if no force that began after
     * it was written has completed yet, waits for the one running, or runs the next one itself.
     */
    void sync(long ticket) throws IOException {
        synchronized (forces) {
            while (forcing && forced < ticket) {
                try {
                    forces.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the journal to be forced");
                }
            }
            if (forced >= ticket) {
                return;
            }
            requireHealthy();
            forcing = true;
        }
        JournalSegment target;
        long covering;
        appendLock.lock();
        try {
            target = active;
            covering = appended;
        } finally {
            appendLock.unlock();
        }
        boolean done = false;
        try {
            if (target != null) {
                target.force();
            }
            done = true;
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            synchronized (forces) {
                forcing = false;
                forceCount++;
                if (done) {
                    forced = Math.max(forced, covering);
                }
                forces.notifyAll();
            }
        }
    }

    /** Whether no record may be replayed: nothing appended since the last checkpoint recycled the segments. */
    boolean isEmpty() {
        appendLock.lock();
        try {
            return (active == null || active.isEmpty()) && sealed.isEmpty();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Makes sure a free segment is ready for when the one in use is sealed, so that no commit
     * waits for a segment to be zero-filled; the checkpointer calls it, outside the append lock.
     */
    void prepareSpare() throws IOException {
        Path name;
        appendLock.lock();
        try {
            if (active == null || !free.isEmpty() || failure != null) {
                return;
            }
            name = unusedName();
        } finally {
            appendLock.unlock();
        }
        JournalSegment spare = JournalSegment.create(name, segmentSize, 0);
        FileSystemBlobStore.forceDirectory(dir);
        appendLock.lock();
        try {
            segments.add(spare);
            free.add(spare);
        } finally {
            appendLock.unlock();
        }
    }

    /** How many times a segment was forced for a {@link #sync} or a seal (for tests of group commit). */
    long forces() {
        synchronized (forces) {
            return forceCount;
        }
    }

    /**
     * The first step of a checkpoint: seals the segment in use (later records go to another)
     * and returns every sealed segment. The caller makes the files their records name durable,
     * then {@link #recycle}s them. Segments stay sealed (and {@link #isEmpty()} false) until then.
     */
    List<JournalSegment> seal() throws IOException {
        appendLock.lock();
        try {
            if (active != null && !active.isEmpty()) {
                retire();
            }
            return List.copyOf(sealed);
        } finally {
            appendLock.unlock();
        }
    }

    /** Marks sealed segments free, durably; their records are never replayed again. */
    void recycle(List<JournalSegment> done) throws IOException {
        for (JournalSegment segment : done) {
            segment.recycle();
        }
        appendLock.lock();
        try {
            sealed.removeAll(done);
            free.addAll(done);
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        appendLock.lock();
        try {
            IOException first = null;
            for (JournalSegment segment : segments) {
                try {
                    segment.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Under the append lock: the active segment is full; seal it and begin the next. */
    private void roll() throws IOException {
        if (active != null) {
            retire();
            onSegmentFull.run();
        }
        JournalSegment next = free.poll();
        if (next == null) {
            next = JournalSegment.create(unusedName(), segmentSize, 0);
            segments.add(next);
            FileSystemBlobStore.forceDirectory(dir);
        }
        next.begin(nextGeneration++);
        active = next;
    }

    /** Under the append lock: a name no segment has or is being created under. */
    private Path unusedName() {
        while (true) {
            Path candidate = dir.resolve(PREFIX + nextSegmentNumber++ + SUFFIX);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /** Under the append lock: forces the active segment, so every ticket so far is durable, and seals it. */
    private void retire() throws IOException {
        try {
            active.force();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        synchronized (forces) {
            forceCount++;
            forced = Math.max(forced, appended);
            forces.notifyAll();
        }
        sealed.add(active);
        active = null;
    }

    private void requireHealthy() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("the journal failed earlier and is not used until the archive reopens", failed);
        }
    }

    private static int recordLength(String key, long bytes) {
        long length = JournalSegment.RECORD_HEADER + key.getBytes(StandardCharsets.US_ASCII).length + bytes;
        return (int) Math.min(Integer.MAX_VALUE, length);
    }
}
