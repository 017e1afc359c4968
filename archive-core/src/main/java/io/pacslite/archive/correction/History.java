package io.pacslite.archive.correction;

import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.archive.store.TempBlob;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The originals of corrected files, under {@code <root>/history/<YYYY-MM-DD>/<HHmmssSSS>-<study>/<key>}
 * (UTC date of the correction), kept for the configured time and removed by
 * {@link #removeOlderThan} at start-up. An original is kept as a hard link to the stored file
 * before the corrected file replaces it (no copy; a copy where links are not possible), so it
 * is the very file that was stored.
 *
 * <p>While a correction runs, its folder holds {@value #PENDING} (the study's UID); a finished
 * correction replaces it with {@value #RECORD} (what changed). A folder still marked pending at
 * start-up belongs to a correction that a crash interrupted: {@link StudyCorrector#rollBackUnfinished}
 * puts its originals back.
 */
public final class History {

    static final String PENDING = "correction.pending";
    static final String RECORD = "correction.json";
    private static final String FILE_SUFFIX = ".dcm";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path root;
    private final FileSystemBlobStore blobs;

    public History(Path root, FileSystemBlobStore blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    /** The folder of a correction a crash interrupted, its study, and the keys of the originals kept in it. */
    record Unfinished(Path folder, String studyUid, List<String> keys) {
    }

    /**
     * A new folder for the originals of one correction of {@code studyUid} made at {@code now},
     * durably marked {@value #PENDING}.
     */
    Path newFolder(Instant now, String studyUid) throws IOException {
        Path day = root.resolve(LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
        Path folder = day.resolve(TIME.format(now) + "-" + studyUid);
        for (int n = 2; Files.exists(folder); n++) {
            folder = day.resolve(TIME.format(now) + "-" + n + "-" + studyUid);
        }
        Files.createDirectories(folder);
        writeDurably(folder.resolve(PENDING), studyUid);
        FileSystemBlobStore.forceDirectory(root);
        FileSystemBlobStore.forceDirectory(day);
        return folder;
    }

    /** Marks the correction of {@code folder} finished: {@value #RECORD} holds {@code record}, the pending mark goes. */
    void finish(Path folder, String record) throws IOException {
        writeDurably(folder.resolve(RECORD), record);
        Files.delete(folder.resolve(PENDING));
        FileSystemBlobStore.forceDirectory(folder);
    }

    /** The corrections whose folders are still marked pending. */
    List<Unfinished> unfinished() throws IOException {
        List<Unfinished> unfinished = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return unfinished;
        }
        try (Stream<Path> pending = Files.find(root, 3, (path, attributes) -> path.endsWith(PENDING))) {
            for (Path mark : pending.toList()) {
                Path folder = mark.getParent();
                List<String> keys;
                try (Stream<Path> files = Files.walk(folder)) {
                    keys = files.filter(file -> file.toString().endsWith(FILE_SUFFIX))
                            .map(file -> folder.relativize(file).toString().replace(File.separatorChar, '/')).toList();
                }
                unfinished.add(new Unfinished(folder, Files.readString(mark).strip(), keys));
            }
        }
        return unfinished;
    }

    private static void writeDurably(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** Keeps the stored file of {@code key} in {@code folder}, durably, before it is replaced. */
    void keep(Path folder, String key) throws IOException {
        Path original = blobs.pathOf(key);
        Path kept = folder.resolve(key);
        Files.createDirectories(kept.getParent());
        try {
            Files.createLink(kept, original);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(original, kept);
            try (FileChannel channel = FileChannel.open(kept, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        for (Path dir = kept.getParent(); !dir.equals(folder.getParent()); dir = dir.getParent()) {
            FileSystemBlobStore.forceDirectory(dir);
        }
    }

    /** Puts the original of {@code key} kept in {@code folder} back, durably, through the store. */
    void restore(Path folder, String key) throws IOException {
        try (TempBlob temp = blobs.createTemp()) {
            OutputStream out = temp.output();
            Files.copy(folder.resolve(key), out);
            blobs.commit(temp, key, true);
        }
    }

    /**
     * Removes the day folders older than {@code days} days before {@code now}; folders whose
     * names are not dates are left alone.
     *
     * @return how many day folders were removed
     */
    public int removeOlderThan(int days, Instant now) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        LocalDate oldest = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days);
        int removed = 0;
        try (DirectoryStream<Path> dayFolders = Files.newDirectoryStream(root)) {
            for (Path day : dayFolders) {
                if (isBefore(day, oldest)) {
                    deleteTree(day);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean isBefore(Path day, LocalDate oldest) {
        try {
            return Files.isDirectory(day) && LocalDate.parse(day.getFileName().toString()).isBefore(oldest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
