package io.pacslite.archive.store;

import static io.pacslite.archive.store.JournalTestFiles.bytes;
import static io.pacslite.archive.store.JournalTestFiles.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store with its commit journal, crashed by abandoning it open (as a killed process
 * leaves it) and, to stand for the page cache a power loss takes, with the files committed
 * since the last checkpoint deleted or cut short before it is opened again.
 */
class JournalReplayTest {

    private static final long SEGMENT = 256 * 1024;

    @TempDir
    Path root;

    @Test
    void putsBackCommittedFilesThatThePowerLossTook() throws IOException {
        FileSystemBlobStore crashed = FileSystemBlobStore.open(root, SEGMENT);
        for (int i = 0; i < 30; i++) {
            commit(crashed, key(i), bytes(i, 20_000 + i));
        }
        loseUncheckpointedFiles();

        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            for (int i = 0; i < 30; i++) {
                assertThat(Files.readAllBytes(store.pathOf(key(i)))).as("file %d", i).isEqualTo(bytes(i, 20_000 + i));
            }
            assertThat(root.resolve("tmp")).isEmptyDirectory();
        }
        assertThat(JournalFiles.pendingKeys(root)).as("journal after a clean close").isEmpty();
    }

    @Test
    void replaysTheLastVersionOfAReplacedFile() throws IOException {
        FileSystemBlobStore crashed = FileSystemBlobStore.open(root, SEGMENT);
        commit(crashed, key(1), bytes(1, 5000));
        commit(crashed, key(1), bytes(2, 6000));
        loseUncheckpointedFiles();

        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            assertThat(Files.readAllBytes(store.pathOf(key(1)))).isEqualTo(bytes(2, 6000));
        }
    }

    @Test
    void doesNotBringBackADeletedFile() throws IOException {
        FileSystemBlobStore crashed = FileSystemBlobStore.open(root, SEGMENT);
        commit(crashed, key(1), bytes(1, 5000));
        commit(crashed, key(2), bytes(2, 5000));
        crashed.delete(key(1));

        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            assertThat(store.exists(key(1))).as("deleted").isFalse();
            assertThat(store.exists(key(2))).isTrue();
        }
    }

    @Test
    void doesNotReplayAnOlderVersionOverALargeFileCommittedWithoutTheJournal() throws IOException {
        byte[] large = bytes(3, FileSystemBlobStore.JOURNAL_THRESHOLD + 1);
        FileSystemBlobStore crashed = FileSystemBlobStore.open(root, SEGMENT);
        commit(crashed, key(1), bytes(1, 5000));
        commit(crashed, key(1), large);
        assertThat(JournalFiles.pendingKeys(root)).as("the large file is not journaled").isEmpty();

        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            assertThat(Files.readAllBytes(store.pathOf(key(1)))).isEqualTo(large);
        }
    }

    @Test
    void aCheckpointMakesTheFilesDurableAndEmptiesTheJournal() throws IOException {
        FileSystemBlobStore crashed = FileSystemBlobStore.open(root, SEGMENT);
        for (int i = 0; i < 30; i++) {
            commit(crashed, key(i), bytes(i, 20_000));
        }
        assertThat(JournalFiles.pendingKeys(root)).hasSize(30);

        crashed.checkpoint();

        assertThat(JournalFiles.pendingKeys(root)).isEmpty();
        commit(crashed, key(99), bytes(99, 100));
        assertThat(JournalFiles.pendingKeys(root)).containsExactly(key(99));
    }

    @Test
    void keepsCommittingThroughFullSegments() throws IOException {
        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            int[] requests = new int[1];
            store.setCheckpointRequest(() -> requests[0]++);
            for (int i = 0; i < 60; i++) {
                commit(store, key(i), bytes(i, 20_000));
            }
            assertThat(requests[0]).as("checkpoints asked for").isPositive();
        }
        assertThat(JournalFiles.pendingKeys(root)).isEmpty();
    }

    @Test
    void withoutFsyncNothingIsJournaled() throws IOException {
        try (FileSystemBlobStore store = FileSystemBlobStore.open(root, SEGMENT)) {
            store.setFsync(false);
            commit(store, key(1), bytes(1, 5000));
            assertThat(JournalFiles.pendingKeys(root)).isEmpty();
            assertThat(root.resolve("journal")).isEmptyDirectory();
        }
    }

    private static void commit(FileSystemBlobStore store, String key, byte[] bytes) throws IOException {
        try (TempBlob temp = store.createTemp()) {
            temp.output().write(bytes);
            store.commit(temp, key, true);
        }
    }

    /** Deletes every other file the journal holds, and cuts the rest short: what a power loss may leave of them. */
    private void loseUncheckpointedFiles() throws IOException {
        int n = 0;
        for (String key : JournalFiles.pendingKeys(root)) {
            Path file = root.resolve("data").resolve(key);
            if (n++ % 2 == 0) {
                Files.deleteIfExists(file);
            } else if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(channel.size() / 3);
                }
            }
        }
        assertThat(n).as("files to lose").isPositive();
    }
}
