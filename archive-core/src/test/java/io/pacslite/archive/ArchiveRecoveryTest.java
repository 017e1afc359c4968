package io.pacslite.archive;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening an archive: the lock, leftover temp files, and recovery after an unclean stop. */
class ArchiveRecoveryTest {

    @TempDir
    Path root;

    @Test
    void refusesASecondOpenOfTheSameArchive() throws IOException {
        try (Archive first = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThatThrownBy(() -> Archive.open(root, ArchiveConfig.DEFAULTS))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void needsNoRecoveryAfterACleanClose() throws IOException {
        storeInstances(3);

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(archive.recovery()).isEqualTo(io.pacslite.archive.maintenance.Recovery.Result.NONE);
            assertThat(archive.index().stats().instances()).isEqualTo(3);
        }
    }

    @Test
    void closesCleanlyEvenWhileTheIndexIsBeingSynced() throws IOException {
        // A checkpoint every millisecond: close nearly always meets one under way.
        ArchiveConfig busy = new ArchiveConfig(ArchiveConfig.DEFAULTS.duplicatePolicy(),
                ArchiveConfig.DEFAULTS.maxInstanceSize(), true, java.time.Duration.ofMillis(1));
        for (int round = 0; round < 20; round++) {
            try (Archive archive = Archive.open(root, busy)) {
                byte[] bytes = SyntheticInstances.partTen(ct("P6", uid("6"), uid("6", "1"),
                        uid("6", "1", Integer.toString(round)), 16, round), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                assertThat(archive.store(new ByteArrayInputStream(bytes), StoreContext.partTen("test")).isStored()).isTrue();
                // Close at varying moments of the checkpoint that the store set off.
                LockSupport.parkNanos(round % 5 * 500_000L);
            }
        }

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(archive.recovery()).isEqualTo(io.pacslite.archive.maintenance.Recovery.Result.NONE);
            assertThat(archive.index().stats().instances()).isEqualTo(20);
        }
    }

    @Test
    void removesTempFilesLeftByAnInterruptedStore() throws IOException {
        storeInstances(1);
        Files.write(root.resolve("tmp").resolve("interrupted.tmp"), new byte[1000]);

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS); Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(archive.blobs().removedTempFiles()).isEqualTo(1);
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void reindexesFilesWhoseRowsTheCrashLostAfterAnUncleanStop() throws IOException {
        storeInstances(4);
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            // As if the last commit had not reached the disk: the row is gone, the file is not.
            archive.index().delete(uid("5", "1", "3"));
        }
        markUnclean();

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(archive.recovery().rowsRepaired()).isEqualTo(1);
            assertThat(archive.recovery().rebuilt()).isFalse();
            assertThat(archive.index().find(uid("5", "1", "3"))).isNotNull();
            assertThat(archive.index().stats().instances()).isEqualTo(4);
        }
    }

    @Test
    void rebuildsTheIndexFromTheFilesWhenItCannotBeRecoveredInPlace() throws IOException {
        storeInstances(5);
        markUnclean();
        try (Stream<Path> files = Files.list(root.resolve("index"))) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[4096]);
            }
        }

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(archive.recovery().rebuilt()).isTrue();
            assertThat(archive.index().stats().instances()).isEqualTo(5);
        }
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.damaged-"));
        }
    }

    @Test
    void rebuildsTheIndexFromTheFilesWhenItsFileIsDamagedAfterACleanClose() throws IOException {
        storeInstances(3);
        Path database = root.resolve("index").resolve("pacslite.mv.db");
        byte[] bytes = Files.readAllBytes(database);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31); // headers and chunks alike: H2 reports "File corrupted"
        }
        Files.write(database, bytes);

        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(archive.recovery().rebuilt()).isTrue();
            assertThat(archive.index().stats().instances()).isEqualTo(3);
        }
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.damaged-"));
        }
    }

    private void storeInstances(int count) throws IOException {
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            for (int i = 0; i < count; i++) {
                byte[] bytes = SyntheticInstances.partTen(ct("P5", uid("5"), uid("5", "1"), uid("5", "1", Integer.toString(i)),
                        16, i), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                assertThat(archive.store(new ByteArrayInputStream(bytes), StoreContext.partTen("test")).reason())
                        .isEqualTo(StoreReason.STORED);
            }
        }
    }

    /** What a killed process leaves in the lock file. */
    private void markUnclean() throws IOException {
        Files.writeString(root.resolve("pacslite.lock"), "running\n");
    }
}
