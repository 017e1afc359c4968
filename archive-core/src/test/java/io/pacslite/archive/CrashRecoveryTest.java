package io.pacslite.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable (DESIGN principle 3): a child JVM stores instances in a loop and
 * is killed with SIGKILL at a random moment, many times over. After each kill the archive is
 * opened again (start-up recovery runs) and must hold every instance the child acknowledged,
 * byte for byte, with no row without a file, no file without a row and no temp file left.
 */
class CrashRecoveryTest {

    private static final int ROUNDS = 12;

    @TempDir
    Path root;

    @Test
    void keepsEveryAcknowledgedInstanceAcrossKillNine() throws Exception {
        Random random = new Random(20261122);
        long acknowledgedTotal = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String name = Integer.toString(round);
            List<Integer> acknowledged = KilledChild.runAndKill(root, name, 150 + random.nextInt(900), 50);
            acknowledgedTotal += acknowledged.size();

            try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
                KilledChild.assertHoldsEvery(archive, root, name, acknowledged);
            }
        }
        assertThat(acknowledgedTotal).as("the child must have stored something to kill").isGreaterThan(ROUNDS * 5L);
    }
}
