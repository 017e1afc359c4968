import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one store costs on the path a single association takes: Part 10 files read into memory,
 * then stored one after another on one thread through Archive.store, into a fresh archive each
 * round, after WARMUP rounds of the same into throwaway archives (JIT warm). Prints per round
 * the wall time and this thread's CPU time per instance (CPU excludes fsync waits and is less
 * sensitive to other load than wall time), then the minimum of each.
 *
 * Usage: java -cp pacslite.jar StoreCost.java WORKDIR FILESDIR ROUNDS WARMUP FSYNC(true|false)
 */
public class StoreCost {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(Path.of(args[1]))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".dcm")).sorted(Comparator.naturalOrder()).toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        int rounds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        ArchiveConfig config = ArchiveConfig.DEFAULTS.withFsync(Boolean.parseBoolean(args[4]));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        for (int round = -warmup; round < rounds; round++) {
            Path root = work.resolve("round" + round);
            try (Archive archive = Archive.open(root, config)) {
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                for (byte[] file : files) {
                    StoreResult result = archive.store(new ByteArrayInputStream(file), StoreContext.partTen("bench"));
                    if (!result.isStored()) {
                        throw new IllegalStateException(result.toString());
                    }
                }
                double wallUs = (System.nanoTime() - wall) / 1e3 / files.size();
                double cpuUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / files.size();
                if (round >= 0) {
                    System.out.printf("round %d: %.0f us wall, %.0f us CPU per instance%n", round, wallUs, cpuUs);
                    bestWall = Math.min(bestWall, wallUs);
                    bestCpu = Math.min(bestCpu, cpuUs);
                }
            }
            delete(root);
        }
        System.out.printf("best: %.0f us wall, %.0f us CPU per instance (%d instances)%n", bestWall, bestCpu, files.size());
    }

    static void delete(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
