import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What one fsync costs on this disk: writes N small files the way the archive stores an
 * instance (write a temp file, optionally force it, rename it into place): without fsync,
 * with fsync on one thread, and with fsync on THREADS threads (fsyncs overlap, as in the archive).
 * Prints one line per mode: "mode,files,seconds,files_per_s,ms_per_file".
 * Usage: java FsyncCost.java DIR [N] [BYTES] [THREADS]
 */
public class FsyncCost {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 9000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        byte[] bytes = new byte[size];
        run(dir, "warmup", n, bytes, false, 1);
        run(dir, "nofsync", n, bytes, false, 1);
        run(dir, "fsync_1thread", n, bytes, true, 1);
        run(dir, "fsync_" + threads + "threads", n, bytes, true, threads);
    }

    private static void run(Path dir, String mode, int n, byte[] bytes, boolean fsync, int threads) throws Exception {
        Path root = dir.resolve(mode);
        deleteTree(root);
        Files.createDirectories(root);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        java.util.List<Future<?>> jobs = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            jobs.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    Path tmp = root.resolve(i + ".tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap(bytes));
                        if (fsync) {
                            ch.force(true);
                        }
                    }
                    Files.move(tmp, root.resolve(i + ".dcm"), StandardCopyOption.ATOMIC_MOVE);
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (!mode.equals("warmup")) {
            System.out.printf("%s,%d,%.3f,%.0f,%.3f%n", mode, n, seconds, n / seconds, seconds * 1000 / n);
        }
        deleteTree(root);
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
