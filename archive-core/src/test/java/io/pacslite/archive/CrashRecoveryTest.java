package io.pacslite.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.maintenance.Verifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
            List<Integer> acknowledged = runAndKill(Integer.toString(round), 150 + random.nextInt(900));
            acknowledgedTotal += acknowledged.size();

            try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
                for (int i : acknowledged) {
                    String sopUID = CrashChild.sopUID(Integer.toString(round), i);
                    StoredInstance row = archive.index().find(sopUID);
                    assertThat(row).as("round %d: acknowledged instance %d is indexed", round, i).isNotNull();
                    byte[] stored = Files.readAllBytes(archive.blobs().pathOf(row.fileKey()));
                    assertThat(ArchiveStoreTest.dataSetBytes(stored)).as("round %d instance %d", round, i)
                            .isEqualTo(CrashChild.instance(Integer.toString(round), i));
                }
                Verifier.Report report = new Verifier(archive.blobs(), archive.index()).run(false);
                assertThat(report.missingFiles()).as("rows without a file").isEmpty();
                assertThat(report.unindexedFiles()).as("files without a row").isEmpty();
                assertThat(report.changedFiles()).as("files that differ from their row").isEmpty();
                try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
                    assertThat(temps).as("temp files").isEmpty();
                }
            }
        }
        assertThat(acknowledgedTotal).as("the child must have stored something to kill").isGreaterThan(ROUNDS * 5L);
    }

    /** Runs the child until it has stored for {@code millis}, kills it with SIGKILL, and returns what it acknowledged. */
    private List<Integer> runAndKill(String round, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), root.toString(), round)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Integer> acknowledged = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> collect(child, round, acknowledged));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        synchronized (acknowledged) {
            while (acknowledged.isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
                acknowledged.wait(100);
            }
        }
        assertThat(child.isAlive()).as("child still storing").isTrue();
        Thread.sleep(millis);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        synchronized (acknowledged) {
            return new ArrayList<>(acknowledged);
        }
    }

    private static void collect(Process child, String round, List<Integer> acknowledged) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                // A line cut by the kill is not a complete acknowledgement.
                if (parts.length == 3 && parts[0].equals("OK") && parts[1].equals(round)) {
                    synchronized (acknowledged) {
                        acknowledged.add(Integer.parseInt(parts[2]));
                        acknowledged.notifyAll();
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The pipe breaks when the child is killed.
        }
    }
}
