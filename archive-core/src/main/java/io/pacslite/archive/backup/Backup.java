package io.pacslite.archive.backup;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.store.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code pacslite backup}: a folder holding a consistent copy of an archive that may be in use.
 *
 * <p>The index is copied first, as a snapshot ({@value #INDEX_ZIP}, H2's online backup, see
 * {@link io.pacslite.archive.Archive#backupIndex}); the files to copy are then read from that
 * snapshot, not from the live index, so the files and the index of the backup describe the same
 * moment: a file stored after the snapshot is not in the backup. Each file is hard-linked into
 * {@code data/} when the backup is on the archive's file system, else copied, and fingerprinted;
 * {@link Manifest} lists every file of the backup with its size and SHA-256. A file deleted or
 * replaced between the snapshot and its copy is reported; restore reconciles the index with the
 * files it has, the files being the source of truth. The attachments of imported studies are
 * copied too. See docs/backup.md.
 */
public final class Backup {

    /** The index snapshot's name in the backup folder. */
    public static final String INDEX_ZIP = "index.zip";
    /** The stored files' folder, in the archive root and in the backup. */
    static final String DATA = "data";
    /** The attachments' folder (files named by their SHA-256), in the archive root and in the backup. */
    static final String ATTACHMENTS = "attachments";

    /**
     * What the backup holds.
     *
     * @param linked whether the stored files were hard-linked (else copied)
     * @param changed keys of files replaced since the snapshot: the backup holds the newer bytes
     * @param gone keys of files deleted since the snapshot: not in the backup
     */
    public record Report(long files, long bytes, boolean linked, List<String> changed, List<String> gone) {
    }

    private Backup() {
    }

    /**
     * Creates the folder for a new backup.
     *
     * @throws BackupException if it exists and is not an empty folder
     */
    public static void createFolder(Path backup) throws IOException {
        if (!BackupFiles.isMissingOrEmpty(backup)) {
            throw new BackupException(backup + " is not empty: a backup goes into a new or empty folder");
        }
        Files.createDirectories(backup);
    }

    /**
     * Completes the backup in {@code backup}, which holds the index snapshot {@value #INDEX_ZIP}
     * and nothing else: the archive's files as the snapshot lists them, and {@code rootFiles} of
     * the archive root (such as the AE table) where they exist, then the manifest.
     *
     * @param copy copy the stored files even when they could be hard-linked
     */
    public static Report complete(Path archiveRoot, Path backup, List<String> rootFiles, boolean copy)
            throws IOException {
        Path data = archiveRoot.resolve(DATA);
        boolean link = !copy && BackupFiles.sameFileSystem(data, backup);
        Path snapshot = backup.resolve(".index-snapshot");
        try (Manifest.Writer manifest = new Manifest.Writer(backup, Instant.now())) {
            Path zip = backup.resolve(INDEX_ZIP);
            Sha256.Fingerprint snapshotZip = BackupFiles.fingerprintDurably(zip);
            manifest.add(new Manifest.Entry(INDEX_ZIP, snapshotZip.size(), snapshotZip.sha256()));
            for (String name : rootFiles) {
                Path file = archiveRoot.resolve(name);
                if (Files.isRegularFile(file)) {
                    Sha256.Fingerprint copied = BackupFiles.place(file, backup.resolve(name), false);
                    manifest.add(new Manifest.Entry(name, copied.size(), copied.sha256()));
                }
            }
            BackupFiles.unzip(zip, snapshot);
            Report report;
            try (Index index = Index.open(snapshot)) {
                report = placeFiles(index, data, backup, link, manifest);
            } finally {
                BackupFiles.deleteTree(snapshot);
            }
            report = placeAttachments(archiveRoot.resolve(ATTACHMENTS), backup, link, manifest, report);
            manifest.finish();
            return report;
        }
    }

    private static Report placeFiles(Index index, Path data, Path backup, boolean link, Manifest.Writer manifest)
            throws IOException {
        long[] totals = new long[2];
        List<String> changed = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        try {
            index.forEachInstance(row -> {
                try {
                    Sha256.Fingerprint placed = BackupFiles.place(data.resolve(row.fileKey()),
                            backup.resolve(DATA).resolve(row.fileKey()), link);
                    if (!matches(placed, row)) {
                        changed.add(row.fileKey());
                    }
                    manifest.add(new Manifest.Entry(DATA + "/" + row.fileKey(), placed.size(), placed.sha256()));
                    totals[0]++;
                    totals[1] += placed.size();
                } catch (NoSuchFileException e) {
                    gone.add(row.fileKey());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Report(totals[0], totals[1], link, changed, gone);
    }

    /**
     * The attachments of imported studies, every file under {@code attachments}: they are named
     * by their SHA-256 and never change, so those the snapshot names are all there (an attachment
     * kept after the snapshot is an extra file the restored index does not name). Counted with
     * the stored files.
     */
    private static Report placeAttachments(Path attachments, Path backup, boolean link, Manifest.Writer manifest,
            Report report) throws IOException {
        if (!Files.isDirectory(attachments)) {
            return report;
        }
        long files = report.files();
        long bytes = report.bytes();
        try (Stream<Path> walk = Files.walk(attachments)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = ATTACHMENTS + "/" + attachments.relativize(file).toString().replace('\\', '/');
                Sha256.Fingerprint placed = BackupFiles.place(file, backup.resolve(path), link);
                manifest.add(new Manifest.Entry(path, placed.size(), placed.sha256()));
                files++;
                bytes += placed.size();
            }
        }
        return new Report(files, bytes, report.linked(), report.changed(), report.gone());
    }

    private static boolean matches(Sha256.Fingerprint file, StoredInstance row) {
        return file.size() == row.size() && file.sha256().equals(row.sha256());
    }
}
