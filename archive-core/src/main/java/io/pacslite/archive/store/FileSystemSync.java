package io.pacslite.archive.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes back a whole file system at once: Linux's {@code syncfs(2)}, run through coreutils'
 * {@code sync --file-system DIR}. A checkpoint uses it instead of one fsync per journaled file
 * (docs/storage.md): syncfs writes every dirty file and directory of the file system in one pass
 * with one journal commit and one disk flush, where thousands of separate fsyncs each wait for
 * their own. PostgreSQL offers the same choice for its start-up sync
 * ({@code recovery_init_sync_method = syncfs}).
 *
 * <p>Since Linux 5.8, syncfs reports a write-back error that happened on the file system since
 * the caller opened it, so a failed write is not mistaken for a durable one. Where the command is
 * missing or is not Linux's, {@link #sync} says so once and the caller fsyncs file by file.
 */
final class FileSystemSync {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemSync.class);
    private static final boolean LINUX = System.getProperty("os.name", "").equals("Linux");
    /** A syncfs waits for the disk; one that takes this long is reported as a failure. */
    private static final long TIMEOUT_SECONDS = 600;

    private volatile boolean available = LINUX;

    /**
     * Writes back the file system that holds {@code dir}. Returns false, having made nothing
     * durable, if syncfs cannot be used here (the caller then fsyncs each file).
     *
     * @throws IOException if the write-back failed: something on the file system may not be on disk
     */
    boolean sync(Path dir) throws IOException {
        if (!available) {
            return false;
        }
        Process process;
        try {
            process = new ProcessBuilder("sync", "--file-system", dir.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            available = false;
            LOG.info("syncfs is not available ({}); checkpoints fsync each file", e.getMessage());
            return false;
        }
        String output;
        int exit;
        try {
            output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("syncfs of " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for syncfs of " + dir, e);
        }
        if (exit == 0) {
            return true;
        }
        if (output.contains("unrecognized option") || output.contains("invalid option")) {
            available = false;
            LOG.info("this sync command has no --file-system ({}); checkpoints fsync each file", output);
            return false;
        }
        throw new IOException("syncfs of " + dir + " failed (exit " + exit + "): " + output);
    }
}
