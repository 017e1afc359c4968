package io.pacslite.archive.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directory fsyncs shared between concurrent callers (group commit): a caller returns once
 * an fsync of the directory that <em>started after its call</em> has succeeded. While one
 * fsync of a directory runs, every caller that arrives waits, and the next fsync covers all
 * of them. Instances of one series land in one directory, so under concurrent stores one
 * directory fsync stands for many renames instead of one each (docs/performance-ingest.md).
 *
 * <p>Only directories with callers in flight are held, so memory does not grow with the
 * number of directories. A failed fsync is reported to the caller that ran it; the callers
 * it would have covered run their own.
 */
final class DirectorySyncs {

    /** Forces one directory's entries to disk. */
    @FunctionalInterface
    interface Fsync {
        void force(Path dir) throws IOException;
    }

    private final Fsync fsync;
    private final ConcurrentHashMap<Path, Directory> inFlight = new ConcurrentHashMap<>();

    DirectorySyncs(Fsync fsync) {
        this.fsync = fsync;
    }

    /** Returns once an fsync of {@code dir} begun after this call has completed. */
    void sync(Path dir) throws IOException {
        Directory directory = inFlight.compute(dir, (key, existing) -> {
            Directory d = existing != null ? existing : new Directory();
            d.callers++;
            return d;
        });
        try {
            directory.sync(dir);
        } finally {
            inFlight.computeIfPresent(dir, (key, d) -> --d.callers == 0 ? null : d);
        }
    }

    /** The state of one directory; {@code callers} is changed only inside the map's compute. */
    private final class Directory {
        private int callers;
        private long requested;
        private long completed;
        private boolean running;

        void sync(Path dir) throws IOException {
            long covering;
            synchronized (this) {
                long ticket = ++requested;
                while (running && completed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for an fsync of " + dir);
                    }
                }
                if (completed >= ticket) {
                    return;
                }
                running = true;
                covering = requested;
            }
            boolean done = false;
            try {
                fsync.force(dir);
                done = true;
            } finally {
                synchronized (this) {
                    running = false;
                    if (done) {
                        completed = Math.max(completed, covering);
                    }
                    notifyAll();
                }
            }
        }
    }
}
