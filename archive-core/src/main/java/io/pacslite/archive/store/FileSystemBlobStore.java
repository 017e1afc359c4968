package io.pacslite.archive.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} on the local file system: committed files under {@code <root>/data}
 * at their key's path, temp files under {@code <root>/tmp} (the same file system, so a
 * commit is a rename). A commit fsyncs the file, every directory it creates and the
 * directory it renames into, so a committed file survives a crash (docs/storage.md);
 * concurrent commits into one directory share its fsync ({@link DirectorySyncs}).
 * One process owns a root: opening the store removes whatever is left in the temp area.
 * Thread-safe.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlobStore.class);
    private static final String TEMP_SUFFIX = ".tmp";
    /** Times a commit tries again when a concurrent delete removes a directory it has just made. */
    private static final int COMMIT_ATTEMPTS = 5;
    /** Windows cannot open a directory to fsync it; NTFS journals the rename itself. */
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

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
    private volatile boolean fsync = true;

    private FileSystemBlobStore(Path data, Path tmp, int removedTempFiles) {
        this.data = data;
        this.tmp = tmp;
        this.removedTempFiles = removedTempFiles;
    }

    /**
     * Opens the store under {@code archiveRoot}, creating {@code data} and {@code tmp} as
     * needed and removing the temp files a previous run left behind (an interrupted write
     * was never acknowledged, so they hold nothing anyone is owed).
     *
     * @throws IOException if the directories cannot be created, or are on different file systems
     */
    public static FileSystemBlobStore open(Path archiveRoot) throws IOException {
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
        FileSystemBlobStore store = new FileSystemBlobStore(data, tmp, removed);
        forceDirectory(root);
        return store;
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

    @Override
    public TempBlob createTemp() throws IOException {
        return TempBlob.create(tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Order: fsync the temp file; create missing directories, fsyncing each one's parent;
     * rename (replace) or hard-link then unlink the temp (no replace: the link fails
     * atomically if the key exists); fsync the key's directory.
     */
    @Override
    public void commit(TempBlob temp, String key, boolean replace) throws IOException {
        StorageKeys.requireValidKey(key);
        Objects.requireNonNull(temp, "temp");
        if (!tmp.equals(temp.path().getParent())) {
            throw new IllegalArgumentException("the temp blob belongs to another store");
        }
        boolean sync = fsync;
        temp.finish(sync);
        Path target = data.resolve(key);
        for (int attempt = 1; ; attempt++) {
            try {
                ensureDirectory(target.getParent(), sync);
                place(temp, target, replace, sync);
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

    /** An fsync of {@code dir} begun after this call, shared with concurrent callers. */
    private void fsyncDirectory(Path dir) throws IOException {
        directorySyncs.sync(dir);
    }

    private static void forceDirectory(Path dir) throws IOException {
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

    /** {@inheritDoc} With fsync on, the removal is durable too; then empty parent directories are removed (best effort). */
    @Override
    public void delete(String key) throws IOException {
        Path file = pathOf(key);
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

    /** Holds no open resources; here for stores that do. */
    @Override
    public void close() {
    }
}
