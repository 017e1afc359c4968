package io.pacslite.archive;

import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.archive.audit.AuditTrail;
import io.pacslite.archive.correction.History;
import io.pacslite.archive.correction.StudyCorrector;
import io.pacslite.archive.imports.Attachments;
import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.IndexException;
import io.pacslite.archive.ingest.FileIndexer;
import io.pacslite.archive.ingest.Ingest;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.maintenance.Recovery;
import io.pacslite.archive.maintenance.Reindexer;
import io.pacslite.archive.store.FileSystemBlobStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An archive on disk: files under {@code <root>/data}, the index under {@code <root>/index},
 * temp files under {@code <root>/tmp}, the originals of corrected files under
 * {@code <root>/history} (kept {@link ArchiveConfig#historyDays()} days, the older removed at
 * opening, where a correction a crash interrupted is also undone), and {@code <root>/pacslite.lock},
 * held while open.
 *
 * <p>Opening takes the lock (one process per archive), opens the file store (which removes
 * leftover temp files and replays its commit journal), and, if the previous process did not
 * close cleanly, runs {@link Recovery}. While open, a background checkpointer makes the
 * journaled files durable ({@link FileSystemBlobStore#checkpoint()}) and syncs the index every
 * {@link ArchiveConfig#checkpointInterval()} when stores have happened, and at once when a
 * journal segment fills; closing does both a last time, then the archive is marked clean.
 */
public final class Archive implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
    private static final String RUNNING = "running\n";
    private static final String CLOSED = "closed\n";

    private static final Set<Path> OPEN_ROOTS = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final FileSystemBlobStore blobs;
    private final Index index;
    private final Ingest ingest;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Thread checkpointer;
    private final ViewerLinks viewerLinks;
    private final AuditTrail audit;
    private final StudyCorrector corrector;
    private final Attachments attachments;
    private final Recovery.Result recovery;
    /** Counted down by close; the checkpointer waits on it (never interrupted: see checkpointEvery). */
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Set when a journal segment fills up: the checkpointer runs at once. */
    private final Semaphore checkpointRequested = new Semaphore(0);

    private Archive(Path root, ArchiveConfig config, FileChannel lockFile, FileLock lock, boolean unclean)
            throws IOException {
        this.root = root;
        this.lockFile = lockFile;
        this.lock = lock;
        this.blobs = FileSystemBlobStore.open(root);
        this.blobs.setFsync(config.fsync());
        this.blobs.setCheckpointRequest(() -> {
            dirty.set(true);
            if (checkpointRequested.availablePermits() == 0) {
                checkpointRequested.release();
            }
        });
        if (blobs.removedTempFiles() > 0) {
            LOG.info("removed {} temp files left by an interrupted store", blobs.removedTempFiles());
        }
        OpenedIndex opened = openIndex(root.resolve("index"), blobs, unclean);
        this.index = opened.index();
        this.recovery = opened.recovery();
        this.ingest = new Ingest(blobs, index, config.duplicatePolicy(), config.maxInstanceSize(),
                () -> dirty.set(true), config.coercions());
        this.viewerLinks = ViewerLinks.open(root);
        this.audit = new AuditTrail(index.auditEvents(), root.resolve("audit"), AuditTrail.DEFAULT_CAPACITY);
        History history = new History(root.resolve("history"), blobs);
        int expired = history.removeOlderThan(config.historyDays(), Instant.now());
        if (expired > 0) {
            LOG.info("removed the originals of corrected files from {} days older than {} days", expired,
                    config.historyDays());
        }
        this.corrector = new StudyCorrector(blobs, index, history);
        int interrupted = corrector.rollBackUnfinished();
        if (interrupted > 0) {
            LOG.warn("{} study corrections were interrupted and have been undone", interrupted);
        }
        this.attachments = new Attachments(root, index.attachments(), config.fsync());
        writeState(RUNNING);
        long intervalMillis = config.checkpointInterval().toMillis();
        this.checkpointer = Thread.ofVirtual().name("index-checkpointer").start(() -> checkpointEvery(intervalMillis));
    }

    /** The index the archive runs on, and what start-up recovery did to it. */
    private record OpenedIndex(Index index, Recovery.Result recovery) {
    }

    /**
     * Opens the index, first bringing it up to date with the files after an unclean stop. If
     * the index cannot be recovered in place (H2 may leave rows locked by a transaction cut
     * short by the crash, or rows that contradict the files) or its file is damaged (H2 2.3.232 can fail to reopen a store that a
     * kill interrupted, with "File corrupted ... Double mark"), it is set aside as
     * {@code index.damaged-<time>} and rebuilt from all the files, which are the source of
     * truth. Other failures of a cleanly closed index, such as a schema newer than this code,
     * stop the opening.
     */
    private static OpenedIndex openIndex(Path indexDir, FileSystemBlobStore blobs, boolean unclean)
            throws IOException {
        Recovery.Result recovery = Recovery.Result.NONE;
        try {
            if (unclean) {
                try (Index recovering = Index.openForRecovery(indexDir)) {
                    recovery = Recovery.run(blobs, recovering, new FileIndexer(blobs), recovering.durableBefore());
                }
            }
            return new OpenedIndex(Index.open(indexDir), recovery);
        } catch (IndexException e) {
            if (!unclean && !e.fileCorrupted()) {
                throw e;
            }
            Path damaged = indexDir.resolveSibling("index.damaged-" + System.currentTimeMillis());
            LOG.error("the index could not be opened or recovered in place ({}); it is moved to {} and rebuilt"
                    + " from the files", e.getMessage(), damaged);
            Files.move(indexDir, damaged);
            Index fresh = Index.open(indexDir);
            try {
                Reindexer.Report report = new Reindexer(blobs, fresh).run();
                LOG.warn("index rebuilt from {} files; {} could not be indexed", report.indexed(),
                        report.skipped().size());
                return new OpenedIndex(fresh, new Recovery.Result(report.indexed(), report.indexed(), 0, true));
            } catch (RuntimeException failure) {
                fresh.close();
                throw failure;
            }
        }
    }

    /**
     * Opens (creating if needed) the archive at {@code root}.
     *
     * @throws ArchiveInUseException if another process has it open
     */
    public static Archive open(Path root, ArchiveConfig config) throws IOException {
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        // A file lock keeps other processes out; this set keeps this process from opening twice
        // (a second channel on the lock file must not be opened, let alone closed, meanwhile).
        if (!OPEN_ROOTS.add(realRoot)) {
            throw new IOException("the archive at " + root + " is in use by this process");
        }
        FileChannel lockFile = null;
        try {
            lockFile = FileChannel.open(realRoot.resolve("pacslite.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                throw new ArchiveInUseException(root);
            }
            return openLocked(realRoot, config, lockFile, lock);
        } catch (IOException | RuntimeException e) {
            if (lockFile != null) {
                lockFile.close();
            }
            OPEN_ROOTS.remove(realRoot);
            throw e;
        }
    }

    private static Archive openLocked(Path root, ArchiveConfig config, FileChannel lockFile, FileLock lock)
            throws IOException {
        try {
            boolean unclean = readState(lockFile).equals(RUNNING);
            if (unclean) {
                LOG.warn("the archive at {} was not closed cleanly; recovering", root);
            }
            return new Archive(root, config, lockFile, lock, unclean);
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** Stores one instance: see {@link Ingest#store}. */
    public StoreResult store(InputStream in, StoreContext context) {
        return ingest.store(in, context);
    }

    /**
     * Receives one instance, to be committed later, maybe on another thread: see {@link
     * Ingest#receive}.
     */
    public Ingest.Received receive(InputStream in, StoreContext context) {
        return ingest.receive(in, context);
    }

    /** The archive's root folder. */
    public Path root() {
        return root;
    }

    /** The API tokens, kept in the index (docs/security.md). */
    public ApiTokens apiTokens() {
        return new ApiTokens(index.apiTokens());
    }

    /** The signed viewer links, with the archive's key (docs/security.md). */
    public ViewerLinks viewerLinks() {
        return viewerLinks;
    }

    /** The audit trail, kept in the index and in {@code <root>/audit} (docs/security.md). */
    public AuditTrail audit() {
        return audit;
    }

    /** Corrections of the patient and study attributes of stored studies (docs/dicomweb.md, "Corrections"). */
    public StudyCorrector corrector() {
        return corrector;
    }

    /** The attachments of imported studies, under {@code <root>/attachments} (docs/user-guide.md, "Uploads"). */
    public Attachments attachments() {
        return attachments;
    }

    /**
     * Writes a consistent copy of the index, as a ZIP file, to {@code out} while the archive
     * stays in use ({@link Index#backup}); the copy is made under {@code <root>/tmp}, whose
     * leftovers the next start-up removes.
     */
    public void backupIndex(OutputStream out) throws IOException {
        Path zip = root.resolve("tmp").resolve("index-backup-" + UUID.randomUUID() + ".zip");
        try {
            index.backup(zip);
            Files.copy(zip, out);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    public Index index() {
        return index;
    }

    public FileSystemBlobStore blobs() {
        return blobs;
    }

    /** What start-up recovery did (all zero after a clean close). */
    public Recovery.Result recovery() {
        return recovery;
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        checkpointRequested.release();
        boolean interrupted = false;
        while (true) {
            try {
                checkpointer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        audit.close();
        try {
            try {
                blobs.close();
            } finally {
                index.close();
            }
            writeState(CLOSED);
        } finally {
            lock.release();
            lockFile.close();
            OPEN_ROOTS.remove(root);
        }
    }

    /**
     * Every interval while stores happen, and when a journal segment fills, until close: makes
     * the journaled files durable, then syncs the index. The two are independent (the index
     * is recovered from the files by their time stamps, the files from the journal), so their
     * order does not matter. The thread is never interrupted: an interrupt during H2's file I/O
     * would close its file channel (NIO interruptible channels) and break the database.
     */
    private void checkpointEvery(long intervalMillis) {
        while (true) {
            try {
                checkpointRequested.tryAcquire(intervalMillis, TimeUnit.MILLISECONDS);
                if (closing.await(0, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (dirty.getAndSet(false)) {
                try {
                    blobs.checkpoint();
                    index.checkpoint();
                } catch (IOException | RuntimeException e) {
                    dirty.set(true);
                    LOG.warn("checkpoint failed; will retry", e);
                }
            }
        }
    }

    private void writeState(String state) throws IOException {
        lockFile.truncate(0);
        lockFile.write(ByteBuffer.wrap(state.getBytes(StandardCharsets.US_ASCII)), 0);
        lockFile.force(true);
    }

    private static String readState(FileChannel lockFile) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        lockFile.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }
}
