package io.pacslite.archive.backup;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.maintenance.Verifier;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup whose files change between the index snapshot and their copy: what it holds, and
 * how restore brings the index in line with those files.
 */
class BackupTest {

    private static final String STUDY = uid("9");
    private static final String SERIES = uid("9", "1");

    @TempDir
    Path dir;

    @Test
    void filesChangedAfterTheSnapshotAreReportedAndRestoreReconcilesTheIndexWithThem() throws IOException {
        Path root = dir.resolve("archive");
        Path backup = dir.resolve("backup");
        StoredInstance kept;
        StoredInstance replaced;
        StoredInstance deleted;
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS.withDuplicatePolicy(DuplicatePolicy.REPLACE))) {
            kept = store(archive, "1", 1);
            replaced = store(archive, "2", 2);
            deleted = store(archive, "3", 3);
            Backup.createFolder(backup);
            try (OutputStream out = Files.newOutputStream(backup.resolve(Backup.INDEX_ZIP))) {
                archive.backupIndex(out);
            }
            StoredInstance replacement = store(archive, "2", 20);
            assertThat(replacement.sha256()).isNotEqualTo(replaced.sha256());
            archive.index().delete(deleted.sopUid());
            archive.blobs().delete(deleted.fileKey());
            StoredInstance later = store(archive, "4", 4);

            Backup.Report report = Backup.complete(root, backup, List.of(), false);

            assertThat(report.files()).isEqualTo(2);
            assertThat(report.linked()).isTrue();
            assertThat(report.changed()).containsExactly(replaced.fileKey());
            assertThat(report.gone()).containsExactly(deleted.fileKey());
            assertThat(Manifest.read(backup)).extracting(Manifest.Entry::path).containsExactly(Backup.INDEX_ZIP,
                    "data/" + kept.fileKey(), "data/" + replaced.fileKey()).doesNotContain("data/" + later.fileKey());
            assertThat(Manifest.read(backup)).contains(new Manifest.Entry("data/" + replaced.fileKey(),
                    replacement.size(), replacement.sha256()));
        }

        Restore.Report restored = Restore.run(backup, dir.resolve("restored"));

        assertThat(restored.reconciled().missingFiles()).containsExactly(deleted.sopUid());
        assertThat(restored.reconciled().changedFiles()).containsExactly(replaced.fileKey());
        try (Archive archive = Archive.open(dir.resolve("restored"), ArchiveConfig.DEFAULTS)) {
            assertThat(new Verifier(archive.blobs(), archive.index()).run(false).isClean()).isTrue();
            assertThat(archive.index().stats().instances()).isEqualTo(2);
        }
    }

    /** An imported study's attachment (a PDF of a CD) is in the backup and served again after a restore. */
    @Test
    void attachmentsAreBackedUpAndRestored() throws IOException {
        Path root = dir.resolve("archive");
        Path backup = dir.resolve("backup");
        byte[] pdf = "%PDF-1.4\n% a referral letter\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        AttachmentTable.Row kept;
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            store(archive, "1", 1);
            kept = archive.attachments().keep(archive.attachments().spool(new ByteArrayInputStream(pdf), "LETTER.PDF",
                    1 << 20), List.of(STUDY), "import-1").getFirst();
            Backup.createFolder(backup);
            try (OutputStream out = Files.newOutputStream(backup.resolve(Backup.INDEX_ZIP))) {
                archive.backupIndex(out);
            }

            Backup.Report report = Backup.complete(root, backup, List.of(), true);

            assertThat(report.files()).isEqualTo(2);
            assertThat(Manifest.read(backup)).extracting(Manifest.Entry::path).contains("attachments/"
                    + kept.sha256().substring(0, 2) + "/" + kept.sha256().substring(2, 4) + "/" + kept.sha256());
        }

        Restore.run(backup, dir.resolve("restored"));

        try (Archive archive = Archive.open(dir.resolve("restored"), ArchiveConfig.DEFAULTS)) {
            AttachmentTable.Row restored = archive.attachments().find(STUDY, kept.id()).orElseThrow();
            assertThat(Files.readAllBytes(archive.attachments().pathOf(restored.sha256()))).isEqualTo(pdf);
        }
    }

    @Test
    void restoreRefusesAFileOfAnotherSizeNamingItAndLeavesNoTarget() throws IOException {
        Path root = dir.resolve("archive");
        Path backup = dir.resolve("backup");
        StoredInstance instance;
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            instance = store(archive, "1", 1);
            Backup.createFolder(backup);
            try (OutputStream out = Files.newOutputStream(backup.resolve(Backup.INDEX_ZIP))) {
                archive.backupIndex(out);
            }
            Backup.complete(root, backup, List.of(), true);
        }
        Files.writeString(backup.resolve("data").resolve(instance.fileKey()), "longer", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Restore.run(backup, dir.resolve("restored")))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("data/" + instance.fileKey())
                .hasMessageContaining("the manifest says " + instance.size());
        assertThat(dir.resolve("restored")).doesNotExist();
    }

    @Test
    void aBackupThatFailsHalfwayHasNoManifest() throws IOException {
        Path root = dir.resolve("archive");
        Path backup = dir.resolve("backup");
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            store(archive, "1", 1);
            Backup.createFolder(backup);
            try (OutputStream out = Files.newOutputStream(backup.resolve(Backup.INDEX_ZIP))) {
                archive.backupIndex(out);
            }
            Files.writeString(backup.resolve("data"), "a file where the stored files' folder must go");

            assertThatThrownBy(() -> Backup.complete(root, backup, List.of(), false)).isInstanceOf(IOException.class);
        }

        assertThat(backup.resolve(Manifest.FILE_NAME)).doesNotExist();
        assertThat(backup.resolve(Manifest.FILE_NAME + ".partial")).doesNotExist();
        assertThatThrownBy(() -> Restore.run(backup, dir.resolve("restored")))
                .hasMessageContaining("not a complete PACS-lite backup");
    }

    private static StoredInstance store(Archive archive, String number, int seed) {
        byte[] file = SyntheticInstances.partTen(ct("P9", STUDY, SERIES, uid("9", "1", number), 16, seed),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).reason())
                .isIn(StoreReason.STORED, StoreReason.DUPLICATE_REPLACED);
        return archive.index().find(uid("9", "1", number));
    }
}
