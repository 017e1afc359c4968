package io.pacslite.archive.imports;

import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.archive.store.Sha256;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachments of studies: the files of an import that are not DICOM (a CD's PDF report,
 * JPEG previews, its viewer program and autorun.inf), kept so that nothing the sender gave is
 * lost, but never run, opened or shown inline by the archive (docs/security.md).
 *
 * <p>Bytes are kept under {@code <root>/attachments/ab/cd/<sha256>}, named by their SHA-256 and
 * never by the member's name (which may be {@code ../../etc/passwd} or {@code autorun.inf}: it is
 * only shown). They are written like instance files: into a temp file under {@code <root>/tmp}
 * (the same file system; leftovers are removed when the archive opens), fsynced, renamed into
 * place, and the directory fsynced, before the index row that names them is written. Identical
 * bytes are kept once. The rows are in the index ({@link AttachmentTable}).
 */
public final class Attachments {

    private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
    private static final int BUFFER = 64 * 1024;
    private static final int HEAD = 16;

    private final Path directory;
    private final Path tmp;
    private final AttachmentTable table;
    private final boolean fsync;

    /**
     * @param archiveRoot the archive's root folder ({@code attachments} and {@code tmp} are under it)
     * @param fsync whether files and directories are fsynced (off only in tests that say so)
     */
    public Attachments(Path archiveRoot, AttachmentTable table, boolean fsync) {
        this.directory = archiveRoot.resolve("attachments");
        this.tmp = archiveRoot.resolve("tmp");
        this.table = table;
        this.fsync = fsync;
    }

    /** A member's bytes in a temp file, counted, hashed and typed, waiting to be kept or discarded. */
    public static final class Spooled implements Closeable {

        private final Path temp;
        private final String name;
        private final long size;
        private final String sha256;
        private final String mediaType;
        private boolean done;

        private Spooled(Path temp, String name, long size, String sha256, String mediaType) {
            this.temp = temp;
            this.name = name;
            this.size = size;
            this.sha256 = sha256;
            this.mediaType = mediaType;
        }

        public String name() {
            return name;
        }

        public long size() {
            return size;
        }

        public String sha256() {
            return sha256;
        }

        /** The type it will be served with ({@link AttachmentType}). */
        public String mediaType() {
            return mediaType;
        }

        /** Discards it (deletes the temp file) unless it was kept. Idempotent. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Thrown when an attachment is larger than the limit given to {@link #spool}. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code in} to its end into a temp file.
     *
     * @param name the member's name, kept as text
     * @param maxBytes the largest attachment taken
     * @throws TooLargeException if it is larger (nothing is left behind)
     */
    public Spooled spool(InputStream in, String name, long maxBytes) throws IOException {
        Files.createDirectories(tmp);
        Path temp = tmp.resolve("attachment-" + UUID.randomUUID() + ".tmp");
        MessageDigest digest = Sha256.newDigest();
        byte[] head = new byte[HEAD];
        int headLength = 0;
        long size = 0;
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (n == 0) {
                    continue;
                }
                if (headLength < HEAD) {
                    int take = Math.min(HEAD - headLength, n);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException("an attachment larger than " + maxBytes + " bytes is not kept");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(temp);
            }
        }
        return new Spooled(temp, name, size, Sha256.hex(digest), AttachmentType.of(head, headLength));
    }

    /**
     * Keeps a spooled file with each of {@code studies}: its bytes are made durable under their
     * hash first (once, whatever the number of studies), then a row is added for each study.
     *
     * @return the rows, one per study
     */
    public List<AttachmentTable.Row> keep(Spooled spooled, Collection<String> studies, String importId)
            throws IOException {
        if (spooled.done) {
            throw new IllegalStateException("the attachment was kept or discarded already");
        }
        commit(spooled);
        Instant now = Instant.now();
        List<AttachmentTable.Row> rows = new ArrayList<>();
        for (String study : studies) {
            rows.add(table.insert(study, spooled.name, spooled.size, spooled.mediaType, spooled.sha256, importId, now));
        }
        return rows;
    }

    /** Moves the temp file to its hash's place, durably; if the same bytes are there already, drops it. */
    private void commit(Spooled spooled) throws IOException {
        Path target = pathOf(spooled.sha256);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == spooled.size) {
                return;
            }
            if (fsync) {
                force(spooled.temp, false);
            }
            ensureDirectory(target.getParent());
            Files.move(spooled.temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                force(target.getParent(), true);
            }
        } finally {
            spooled.close();
            spooled.done = true;
        }
    }

    /** Creates {@code dir} and its missing parents, fsyncing each new one's parent. */
    private void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        ensureDirectory(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent import; its parent's fsync below covers it either way
        }
        if (fsync) {
            force(dir.getParent(), true);
        }
    }

    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory || !System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** The attachments of a study. */
    public List<AttachmentTable.Row> list(String studyUid) {
        return table.ofStudy(studyUid);
    }

    /** One attachment of a study. */
    public Optional<AttachmentTable.Row> find(String studyUid, long id) {
        return table.find(studyUid, id);
    }

    /**
     * The file that holds an attachment's bytes, for serving.
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lowercase hex digits
     */
    public Path pathOf(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Removes the attachments of a study: its rows, and the files no other study's rows name. */
    public void deleteStudy(String studyUid) {
        for (String hash : table.deleteStudy(studyUid)) {
            try {
                Files.deleteIfExists(pathOf(hash));
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                LOG.warn("the attachment file {} could not be removed", hash, e);
            }
        }
    }
}
