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
 * with fsync on one thread, and with fsync on THREADS threads (fsyncs overlap, as in the archive);
 * then, on one thread, the two durable commits of the file store: file fsync, rename and
 * directory fsync (without the commit journal), and the temp file's bytes appended to a
 * preallocated, zero-filled journal file forced with fdatasync, then the rename alone (with it).
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
        commits(dir, "fsync_rename_dirfsync_1thread", n, bytes, false);
        commits(dir, "journal_fdatasync_rename_1thread", n, bytes, true);
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

    /** One thread: the file store's durable commit without the journal, or with it. */
    private static void commits(Path dir, String mode, int n, byte[] bytes, boolean journal) throws Exception {
        Path root = dir.resolve(mode);
        deleteTree(root);
        Files.createDirectories(root);
        long journalSize = (long) n * (bytes.length + 128) + 4096;
        try (FileChannel log = FileChannel.open(root.resolve("journal"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < journalSize; ) {
                zeros.clear();
                at += log.write(zeros, at);
            }
            log.force(true);
            long position = 0;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path tmp = root.resolve(i + ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(bytes));
                    if (!journal) {
                        ch.force(true);
                    }
                }
                if (journal) {
                    position += log.write(ByteBuffer.wrap(bytes), position);
                    log.force(false);
                }
                Files.move(tmp, root.resolve(i + ".dcm"), StandardCopyOption.ATOMIC_MOVE);
                if (!journal) {
                    try (FileChannel d = FileChannel.open(root, StandardOpenOption.READ)) {
                        d.force(true);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
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
