package io.pacslite.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The progress line of import and store: a bar over the files, instances per second and bytes per second. */
final class ProgressBar {

    /** Work to run while the bar is shown. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private static final int WIDTH = 30;

    private final LongSupplier filesDone;
    private final LongSupplier instances;
    private final LongSupplier bytes;
    private final long totalFiles;
    private final long totalBytes;
    private final Instant started;

    /** A bar over {@code totalFiles} that reads the three counters as the work moves them. */
    ProgressBar(AtomicLong filesDone, AtomicLong instances, AtomicLong bytes, long totalFiles, long totalBytes,
            Instant started) {
        this(filesDone::get, instances::get, bytes::get, totalFiles, totalBytes, started);
    }

    /** A bar over {@code totalFiles} that asks the three suppliers as the work moves on. */
    ProgressBar(LongSupplier filesDone, LongSupplier instances, LongSupplier bytes, long totalFiles, long totalBytes,
            Instant started) {
        this.filesDone = filesDone;
        this.instances = instances;
        this.bytes = bytes;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.started = started;
    }

    /** Whether to show a bar: as the {@code --progress} option says, else when there is a terminal. */
    static boolean wanted(Boolean option) {
        return option != null ? option : System.console() != null;
    }

    /** Runs {@code work}; when {@code show}, repaints the line on standard error meanwhile and leaves the final one. */
    void showWhile(boolean show, Work work) throws Exception {
        Thread painter = show ? Thread.ofVirtual().start(this::paintUntilInterrupted) : null;
        try {
            work.run();
        } finally {
            if (painter != null) {
                painter.interrupt();
                painter.join();
                System.err.println("\r" + line());
            }
        }
    }

    private void paintUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            System.err.print("\r" + line());
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    String line() {
        long done = filesDone.getAsLong();
        double fraction = totalFiles == 0 ? 1 : (double) done / totalFiles;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(Duration.between(started, Instant.now()).toMillis(), 1) / 1000.0;
        return String.format("[%s%s] %3.0f%% %,d/%,d files  %,d instances  %,.0f inst/s  %s/s of %s ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, done, totalFiles,
                instances.getAsLong(), instances.getAsLong() / seconds,
                Sizes.human(bytes.getAsLong() / seconds), Sizes.human(totalBytes));
    }
}
