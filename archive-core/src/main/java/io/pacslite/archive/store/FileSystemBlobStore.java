package io.pacslite.archive.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} on the local file system: committed files under {@code <root>/data}
 * at their key's path, temp files under {@code <root>/tmp} (the same file system, so a
 * commit is a rename), the commit {@link Journal} under {@code <root>/journal}. A commit of
 * a file up to {@link #JOURNAL_THRESHOLD} appends it to the journal and forces that (shared
 * by concurrent commits), then renames it into place; the file and its directory are fsynced
 * later, at a {@link #checkpoint()}, and replayed from the journal if a crash comes first. A
 * larger file is fsynced, renamed, and its directory fsynced (concurrent commits into one
 * directory share that fsync, {@link DirectorySyncs}). Either way a committed file survives
 * a crash (docs/storage.md). One process owns a root: opening the store replays the journal
 * and removes whatever is left in the temp area. Thread-safe.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlobStore.class);
    private static final String TEMP_SUFFIX = ".tmp";
    /** Times a commit tries again when a concurrent delete removes a directory it has just made. */
    private static final int COMMIT_ATTEMPTS = 5;
    /** Windows cannot open a directory to fsync it; NTFS journals the rename itself. */
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    /**
     * Largest file committed through the journal; a larger one would double its disk writes
     * for little gain, since writing its blocks costs more than the two file system journal
     * commits the journal saves (docs/storage.md).
     */
    static final int JOURNAL_THRESHOLD = 256 * 1024;

    private final Path data;
    private final Path tmp;
    private final int removedTempFiles;
    /**
     * Directories a commit has created (or is creating) whose entry in their parent may not
     * be fsynced yet; a commit that finds one of them fsyncs the parent itself rather than
     * trust the entry. An entry is removed only after an fsync that followed the mkdir.
     */
    private final Set<Path> unsyncedDirectories = ConcurrentHashMap.newKeySet();
    private final DirectorySyncs directorySyncs = new DirectorySyncs(FileSystemBlobStore::forceDirectory);
    private final FileSystemSync fileSystemSync = new FileSystemSync();
    private final AtomicLong tempCounter = new AtomicLong();
    private volatile boolean fsync = true;
    private final Journal journal;
    /**
     * Held shared by a journaled commit from its append until its rename, and exclusively by
     * a checkpoint while it seals the journal: so every record a checkpoint recycles names a
     * file already in place, which the checkpoint fsyncs first.
     */
    private final ReentrantReadWriteLock placing = new ReentrantReadWriteLock();
    private final ReentrantLock checkpointing = new ReentrantLock();
    private volatile Runnable checkpointRequest = () -> { };

    private FileSystemBlobStore(Path data, Path tmp, int removedTempFiles, Path journalDir, long segmentSize)
            throws IOException {
        this.data = data;
        this.tmp = tmp;
        this.removedTempFiles = removedTempFiles;
        this.journal = Journal.open(journalDir, segmentSize, () -> checkpointRequest.run());
    }

    /**
     * Opens the store under {@code archiveRoot}, creating {@code data}, {@code tmp} and
     * {@code journal} as needed, removing the temp files a previous run left behind (an
     * interrupted write was never acknowledged, so they hold nothing anyone is owed) and
     * replaying the journal: every file it holds is put back at its key unless the file there
     * has the same bytes, then made durable, and the journal emptied. A replayed file has a
     * new modification time, so the archive's recovery indexes it.
     *
     * @throws IOException if the directories cannot be created, or are on different file systems
     */
    public static FileSystemBlobStore open(Path archiveRoot) throws IOException {
        return open(archiveRoot, Journal.SEGMENT_SIZE);
    }

    /** {@link #open(Path)} with journal segments of {@code segmentSize} bytes (tests use small ones). */
    static FileSystemBlobStore open(Path archiveRoot, long segmentSize) throws IOException {
        Path root = archiveRoot.toAbsolutePath().normalize();
        Path data = Files.createDirectories(root.resolve("data"));
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        if (!Files.getFileStore(data).equals(Files.getFileStore(tmp))) {
            throw new IOException(data + " and " + tmp + " are on different file systems; a commit must be a rename");
        }
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                if (Files.isRegularFile(leftover)) {
                    Files.delete(leftover);
                    removed++;
                }
            }
        }
        FileSystemBlobStore store = new FileSystemBlobStore(data, tmp, removed, root.resolve("journal"), segmentSize);
        try {
            forceDirectory(root);
            store.replay();
        } catch (IOException | RuntimeException e) {
            store.journal.close();
            throw e;
        }
        return store;
    }

    /** At open: puts back every file the journal holds whose copy at its key is missing or differs. */
    private void replay() throws IOException {
        Map<String, JournalSegment.Entry> last = new LinkedHashMap<>();
        for (JournalSegment.Entry entry : journal.records()) {
            last.remove(entry.key());
            last.put(entry.key(), entry);
        }
        List<String> keys = new ArrayList<>();
        int restored = 0;
        for (JournalSegment.Entry entry : last.values()) {
            if (entry.kind() != JournalSegment.FILE || !StorageKeys.isValidKey(entry.key())) {
                continue; // a tombstone: the file was deleted or committed anew outside the journal
            }
            keys.add(entry.key());
            byte[] bytes = entry.data();
            if (!hasBytes(data.resolve(entry.key()), bytes)) {
                try (TempBlob temp = TempBlob.create(newTempPath(), 0)) {
                    temp.output().write(bytes);
                    commitWithFsync(temp, data.resolve(entry.key()), true, true);
                }
                restored++;
            }
        }
        makeDurable(keys);
        journal.clear();
        if (!last.isEmpty()) {
            LOG.info("journal replayed: {} files, {} of them put back", keys.size(), restored);
        }
    }

    private static boolean hasBytes(Path file, byte[] bytes) throws IOException {
        try {
            return Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Makes the journal's files durable and empties it: makes every file committed through
     * the journal since the last checkpoint durable with its directory entry (one syncfs, or
     * an fsync each), then recycles the journal's segments. The archive calls it every checkpoint interval, when a journal
     * segment fills, and at close. Does nothing if nothing was journaled.
     */
    public void checkpoint() throws IOException {
        checkpointing.lock();
        try {
            journal.prepareSpare();
            List<JournalSegment> sealed;
            placing.writeLock().lock();
            try {
                sealed = journal.seal();
            } finally {
                placing.writeLock().unlock();
            }
            if (sealed.isEmpty()) {
                return;
            }
            List<String> keys = new ArrayList<>();
            for (JournalSegment segment : sealed) {
                keys.addAll(segment.keys());
            }
            makeDurable(keys);
            journal.recycle(sealed);
        } finally {
            checkpointing.unlock();
        }
    }

    /**
     * Asks for a {@link #checkpoint()} soon, from another thread: {@code request} is called
     * when a journal segment fills up, while commits wait, so it must only signal.
     */
    public void setCheckpointRequest(Runnable request) {
        this.checkpointRequest = Objects.requireNonNull(request, "request");
    }

    /**
     * Makes the files of {@code keys} and their directory entries durable: one syncfs of the
     * data's file system where it can ({@link FileSystemSync}); otherwise an fsync of the file
     * of each key that still exists (a deleted one is durably gone), then of each of their
     * directories once.
     */
    private void makeDurable(Collection<String> keys) throws IOException {
        if (fileSystemSync.sync(data)) {
            return;
        }
        Set<Path> directories = new LinkedHashSet<>();
        for (String key : new LinkedHashSet<>(keys)) {
            Path file = data.resolve(key);
            try {
                forceFile(file);
                directories.add(file.getParent());
            } catch (NoSuchFileException e) {
                // deleted since; the delete made that durable
            }
        }
        for (Path directory : directories) {
            try {
                forceDirectory(directory);
            } catch (NoSuchFileException e) {
                // removed with its last file
            }
        }
    }

    /** How many leftover temp files {@link #open} removed (the caller logs it). */
    public int removedTempFiles() {
        return removedTempFiles;
    }

    /**
     * The file of {@code key}, for zero-copy transfers ({@code FileChannel.transferTo}).
     *
     * @throws IllegalArgumentException if {@code key} is not a valid key
     */
    public Path pathOf(String key) {
        StorageKeys.requireValidKey(key);
        return data.resolve(key);
    }

    /**
     * Whether commits and deletes fsync (default true). Switch it off only in tests and
     * benchmarks that say so: without it, an acknowledged instance can vanish in a crash.
     */
    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    /**
     * A name no temp file of this store has had: a counter, since one process owns the root
     * and opening it empties the temp area (a random UUID per file cost a SecureRandom draw).
     */
    private Path newTempPath() {
        return tmp.resolve(Long.toString(tempCounter.incrementAndGet()) + TEMP_SUFFIX);
    }

    /** A temp blob whose file, if small, can be read back for the journal. */
    @Override
    public TempBlob createTemp() throws IOException {
        return TempBlob.create(newTempPath(), fsync ? JOURNAL_THRESHOLD : 0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A file up to {@link #JOURNAL_THRESHOLD} committed with replace: append it to the
     * journal and force that (shared with concurrent commits); create missing directories,
     * fsyncing each one's parent; rename the temp over the key. The next checkpoint fsyncs the
     * file and its directory. If the journal cannot take the record (it failed, or no new
     * segment could be made), the commit goes the other way.
     *
     * <p>Otherwise: if the journal may hold an earlier version of the key, write a tombstone
     * (so that replay cannot put it back over this one); fsync the temp file; create missing
     * directories, fsyncing each one's parent; rename (replace) or hard-link then unlink the
     * temp (no replace: the link fails atomically if the key exists); fsync the key's
     * directory. No-replace commits never use the journal: a record of bytes the link then
     * refuses would be replayed over the existing file.
     */
    @Override
    public void commit(TempBlob temp, String key, boolean replace) throws IOException {
        StorageKeys.requireValidKey(key);
        Objects.requireNonNull(temp, "temp");
        if (!tmp.equals(temp.path().getParent())) {
            throw new IllegalArgumentException("the temp blob belongs to another store");
        }
        boolean sync = fsync;
        Path target = data.resolve(key);
        temp.closeOutput();
        ByteBuffer bytes = sync && replace ? temp.readBack() : null;
        if (bytes != null && journal.accepts(bytes.remaining(), key)
                && commitThroughJournal(temp, key, bytes, target)) {
            return;
        }
        if (sync) {
            forgetInJournal(key);
        }
        commitWithFsync(temp, target, replace, sync);
    }

    /** Returns false, having changed nothing, if the journal cannot take the record. */
    private boolean commitThroughJournal(TempBlob temp, String key, ByteBuffer bytes, Path target) throws IOException {
        temp.finish(false);
        placing.readLock().lock();
        try {
            long ticket;
            try {
                ticket = journal.appendFile(key, bytes);
            } catch (IOException e) {
                LOG.warn("the commit journal cannot take {}; committing it with fsyncs instead", key, e);
                forceFile(temp.path());
                return false;
            }
            journal.sync(ticket);
            placeRetrying(temp, target, true, true, false);
            return true;
        } finally {
            placing.readLock().unlock();
        }
    }

    /**
     * Before a file is deleted or committed outside the journal: makes sure no earlier record
     * of its key can be replayed over what follows, by a tombstone, or if the journal cannot
     * take one, by a checkpoint.
     */
    private void forgetInJournal(String key) throws IOException {
        if (journal.isEmpty()) {
            return;
        }
        try {
            journal.sync(journal.appendTombstone(key));
        } catch (IOException e) {
            checkpoint();
        }
    }

    /** The commit without the journal: fsync the temp (if {@code sync}), rename or link it, fsync the directory. */
    private void commitWithFsync(TempBlob temp, Path target, boolean replace, boolean sync) throws IOException {
        temp.finish(sync);
        placeRetrying(temp, target, replace, sync, sync);
    }

    /**
     * Creates the missing directories (fsyncing each new one's parent if {@code syncDirectories}),
     * then renames or links the temp into place (fsyncing its directory if {@code syncEntry}).
     * A journaled commit syncs new directories but not the entry: a checkpoint fsyncs only the
     * file's own directory, so the entries of new directories above it must be durable already.
     */
    private void placeRetrying(TempBlob temp, Path target, boolean replace, boolean syncDirectories, boolean syncEntry)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureDirectory(target.getParent(), syncDirectories);
                place(temp, target, replace, syncEntry);
                return;
            } catch (NoSuchFileException e) {
                if (attempt == COMMIT_ATTEMPTS || !Files.exists(temp.path())) {
                    throw e;
                }
                // a concurrent delete removed a directory that was empty a moment ago
            }
        }
    }

    private void place(TempBlob temp, Path target, boolean replace, boolean sync) throws IOException {
        if (replace) {
            Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createLink(target, temp.path());
        }
        if (sync) {
            fsyncDirectory(target.getParent());
        }
        temp.markConsumed();
        if (!replace) {
            try {
                Files.delete(temp.path());
            } catch (IOException e) {
                LOG.warn("Could not remove temp file {} after committing it; the next start-up removes it", temp.path(), e);
            }
        }
    }

    /** Makes sure {@code dir} exists and its entry (and its ancestors') is durable. */
    private void ensureDirectory(Path dir, boolean sync) throws IOException {
        if (dir.equals(data) || Files.isDirectory(dir) && !unsyncedDirectories.contains(dir)) {
            return;
        }
        ensureDirectory(dir.getParent(), sync);
        unsyncedDirectories.add(dir);
        try {
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // another commit created it; the fsync below covers its entry either way
            }
            if (sync) {
                fsyncDirectory(dir.getParent());
            }
        } finally {
            unsyncedDirectories.remove(dir);
        }
    }

    /** Forces a committed file's bytes and metadata (the journal or a restore wrote them without). */
    private static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** An fsync of {@code dir} begun after this call, shared with concurrent callers. */
    private void fsyncDirectory(Path dir) throws IOException {
        directorySyncs.sync(dir);
    }

    /** Forces a directory's entries to disk (a no-op where directories cannot be opened, on Windows). */
    public static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            if (WINDOWS && !(e instanceof NoSuchFileException)) {
                return;
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        Path file = pathOf(key);
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (offset + length > size) {
                throw new EOFException("range of " + length + " bytes at " + offset + " runs past the end of the "
                        + size + "-byte file of " + key);
            }
            return new RangeInputStream(channel, offset, length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(pathOf(key));
    }

    /**
     * {@inheritDoc} With fsync on, the removal is durable too, and a tombstone in the journal
     * keeps replay from bringing the file back; then empty parent directories are removed
     * (best effort).
     */
    @Override
    public void delete(String key) throws IOException {
        Path file = pathOf(key);
        if (fsync && Files.exists(file)) {
            forgetInJournal(key);
        }
        if (!Files.deleteIfExists(file)) {
            return;
        }
        try {
            if (fsync) {
                fsyncDirectory(file.getParent());
            }
        } catch (NoSuchFileException e) {
            // a concurrent delete already removed the directory, and the file with it
        }
        removeEmptyDirectories(file.getParent());
    }

    private void removeEmptyDirectories(Path from) {
        for (Path dir = from; !dir.equals(data); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (NoSuchFileException e) {
                // gone already; its parent may still be empty
            } catch (IOException e) {
                return; // not empty (the usual case), or not ours to remove
            }
        }
    }

    @Override
    public Stream<String> list() {
        return children(data)
                .flatMap(FileSystemBlobStore::children)
                .flatMap(FileSystemBlobStore::children)
                .flatMap(FileSystemBlobStore::children)
                .flatMap(FileSystemBlobStore::children)
                .map(this::keyOf)
                .filter(key -> StorageKeys.isValidKey(key) && Files.isRegularFile(data.resolve(key)));
    }

    /** The entries of {@code dir}, none if it is gone or is not a directory. */
    private static Stream<Path> children(Path dir) {
        try {
            return Files.list(dir);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String keyOf(Path file) {
        return StreamSupport.stream(data.relativize(file).spliterator(), false)
                .map(Path::toString)
                .collect(Collectors.joining("/"));
    }

    /** Checkpoints (the journal is left empty), then closes the journal. */
    @Override
    public void close() throws IOException {
        try {
            checkpoint();
        } finally {
            journal.close();
        }
    }
}
