package io.pacslite.archive.backup;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.maintenance.Verifier;
import io.pacslite.archive.store.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pacslite restore}: a new archive root built from a {@link Backup}. Every file the
 * manifest lists is checked (size, then SHA-256) as it is copied; the first that differs or is
 * missing stops the restore, naming it, and what was written is removed. Then the archive is
 * opened and its index reconciled with the files as {@code pacslite verify --repair} does, for
 * the files deleted or replaced while the backup was taken. See docs/backup.md.
 */
public final class Restore {

    /**
     * What the restore did.
     *
     * @param reconciled what reconciling the index with the restored files found and fixed
     */
    public record Report(long files, long bytes, Verifier.Report reconciled) {
    }

    private Restore() {
    }

    /**
     * Restores {@code backup} into {@code target}, which must be missing or empty.
     *
     * @throws BackupException if the target is not empty, or the backup is incomplete or damaged
     */
    public static Report run(Path backup, Path target) throws IOException {
        if (!BackupFiles.isMissingOrEmpty(target)) {
            throw new BackupException(target + " is not empty: restore builds a new data root; name a new or empty folder");
        }
        List<Manifest.Entry> entries = Manifest.read(backup);
        if (entries.stream().noneMatch(entry -> entry.path().equals(Backup.INDEX_ZIP))) {
            throw new BackupException("the manifest of " + backup + " lists no " + Backup.INDEX_ZIP);
        }
        boolean created = !Files.exists(target);
        Files.createDirectories(target);
        long bytes = 0;
        try {
            for (Manifest.Entry entry : entries) {
                restore(backup, entry, target);
                bytes += entry.size();
            }
        } catch (IOException | RuntimeException e) {
            empty(target, created);
            throw e;
        }
        try (Archive archive = Archive.open(target, ArchiveConfig.DEFAULTS)) {
            Verifier.Report reconciled = new Verifier(archive.blobs(), archive.index()).run(true);
            return new Report(entries.size(), bytes, reconciled);
        }
    }

    /** Copies one file of the backup into the target (the index snapshot: extracts it), checking it on the way. */
    private static void restore(Path backup, Manifest.Entry entry, Path target) throws IOException {
        Path source = BackupFiles.inside(backup, entry.path());
        if (!Files.isRegularFile(source)) {
            throw new BackupException("the backup is damaged: " + entry.path() + " is listed in the manifest but missing");
        }
        long size = Files.size(source);
        if (size != entry.size()) {
            throw new BackupException("the backup is damaged: " + entry.path() + " has " + size
                    + " bytes, the manifest says " + entry.size());
        }
        Sha256.Fingerprint restored;
        if (entry.path().equals(Backup.INDEX_ZIP)) {
            try (InputStream in = Files.newInputStream(source)) {
                restored = Sha256.Fingerprint.of(in);
            }
            if (restored.sha256().equals(entry.sha256())) {
                BackupFiles.unzip(source, target.resolve("index"));
            }
        } else {
            restored = BackupFiles.place(source, BackupFiles.inside(target, entry.path()), false);
        }
        if (!restored.sha256().equals(entry.sha256())) {
            throw new BackupException("the backup is damaged: the SHA-256 of " + entry.path()
                    + " differs from the manifest's");
        }
    }

    /** Leaves the target as it was: removed if the restore created it, else emptied. */
    private static void empty(Path target, boolean created) throws IOException {
        if (created) {
            BackupFiles.deleteTree(target);
            return;
        }
        try (var children = Files.list(target)) {
            for (Path child : children.toList()) {
                BackupFiles.deleteTree(child);
            }
        }
    }
}
