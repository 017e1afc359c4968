package io.pacslite.cli;

import java.time.Duration;
import java.time.Instant;

/** The import progress line: a bar over the files, instances per second and bytes per second. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final Importer importer;
    private final long totalFiles;
    private final long totalBytes;
    private final Instant started;

    ProgressBar(Importer importer, long totalFiles, long totalBytes, Instant started) {
        this.importer = importer;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.started = started;
    }

    void paintUntilInterrupted() {
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
        long done = importer.filesDone.get();
        double fraction = totalFiles == 0 ? 1 : (double) done / totalFiles;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(Duration.between(started, Instant.now()).toMillis(), 1) / 1000.0;
        return String.format("[%s%s] %3.0f%% %,d/%,d files  %,d instances  %,.0f inst/s  %s/s of %s ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, done, totalFiles,
                importer.instances.get(), importer.instances.get() / seconds,
                Sizes.human(importer.bytes.get() / seconds), Sizes.human(totalBytes));
    }
}
