package io.pacslite.archive;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a {@link CrashChild} and kills it with SIGKILL; then checks what the reopened archive holds. */
final class KilledChild {

    private KilledChild() {
    }

    /**
     * Runs the child on {@code root} until it has stored for {@code millis}, kills it with
     * SIGKILL, and returns the instances it acknowledged.
     *
     * @param checkpointMillis the child's checkpoint interval
     */
    static List<Integer> runAndKill(Path root, String round, long millis, long checkpointMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), root.toString(), round, Long.toString(checkpointMillis))
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

    /**
     * Every acknowledged instance is indexed and its file holds its bytes; no row without a
     * file, no file without a row, no file that differs from its row, no temp file.
     */
    static void assertHoldsEvery(Archive archive, Path root, String round, List<Integer> acknowledged)
            throws IOException {
        for (int i : acknowledged) {
            StoredInstance row = archive.index().find(CrashChild.sopUID(round, i));
            assertThat(row).as("round %s: acknowledged instance %d is indexed", round, i).isNotNull();
            byte[] stored = Files.readAllBytes(archive.blobs().pathOf(row.fileKey()));
            assertThat(datasetBytes(stored)).as("round %s instance %d", round, i)
                    .isEqualTo(CrashChild.instance(round, i));
        }
        Verifier.Report report = new Verifier(archive.blobs(), archive.index()).run(false);
        assertThat(report.missingFiles()).as("rows without a file").isEmpty();
        assertThat(report.unindexedFiles()).as("files without a row").isEmpty();
        assertThat(report.changedFiles()).as("files that differ from their row").isEmpty();
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps).as("temp files").isEmpty();
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
