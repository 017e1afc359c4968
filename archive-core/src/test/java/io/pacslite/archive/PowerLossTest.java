package io.pacslite.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.store.JournalFiles;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable across a power loss, not only a kill: a child JVM stores small
 * instances (through the commit journal, fsync on, checkpoints rare) and is killed with
 * SIGKILL. A kill keeps the page cache; a power loss does not. So before the archive is
 * opened again, every file committed since the last checkpoint (the files the journal holds)
 * is deleted or cut short, as a power loss may leave them. Reopened, the archive must hold
 * every acknowledged instance byte for byte, indexed, with the Verifier clean, no temp file,
 * and the journal empty.
 */
class PowerLossTest {

    private static final int ROUNDS = 4;

    @TempDir
    Path root;

    @Test
    void keepsEveryAcknowledgedInstanceWhenThePageCacheIsLost() throws Exception {
        Random random = new Random(20261123);
        long lost = 0;
        long acknowledgedTotal = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "7" + round;
            List<Integer> acknowledged = KilledChild.runAndKill(root, name, 300 + random.nextInt(700), 60_000);
            acknowledgedTotal += acknowledged.size();
            lost += loseUncheckpointedFiles();

            try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
                KilledChild.assertHoldsEvery(archive, root, name, acknowledged);
                assertThat(JournalFiles.pendingKeys(root)).as("journal after replay").isEmpty();
            }
        }
        assertThat(acknowledgedTotal).as("the child must have stored something to kill").isGreaterThan(ROUNDS * 5L);
        assertThat(lost).as("files the simulated power loss took").isGreaterThan(ROUNDS * 5L);
    }

    /** Deletes every other file the journal holds, and cuts the rest short; returns how many. */
    private long loseUncheckpointedFiles() throws Exception {
        long n = 0;
        for (String key : JournalFiles.pendingKeys(root)) {
            Path file = root.resolve("data").resolve(key);
            if (!Files.exists(file)) {
                continue; // killed between the journal's force and the rename
            }
            if (n++ % 2 == 0) {
                Files.delete(file);
            } else {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(channel.size() / 2);
                }
            }
        }
        return n;
    }
}
