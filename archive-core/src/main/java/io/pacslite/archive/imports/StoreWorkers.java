package io.pacslite.archive.imports;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The worker threads that store the members an import has read into memory, and the
 * back-pressure they put on the thread that reads: a member waits for one of
 * {@link ImportLimits#threads} workers and for room for its bytes within
 * {@link ImportLimits#bufferBudget}, so that one instance's fsync overlaps the reading of the
 * next while the members held in memory stay within the budget.
 */
final class StoreWorkers implements AutoCloseable {

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("import-", 0).factory());
    private final Semaphore slots;
    private final Semaphore budget;

    StoreWorkers(ImportLimits limits) {
        this.slots = new Semaphore(limits.threads());
        this.budget = new Semaphore(limits.bufferBudget());
    }

    /**
     * Runs {@code task} on a worker once one is free and there is room for {@code bytes} bytes
     * (the caller waits till then); the worker and the room are given back when it ends.
     *
     * @throws InterruptedIOException if the caller is interrupted while it waits
     */
    void submit(int bytes, Runnable task) throws InterruptedIOException {
        acquire(bytes);
        workers.execute(() -> {
            try {
                task.run();
            } finally {
                slots.release();
                budget.release(bytes);
            }
        });
    }

    /** Waits for a worker thread and room for {@code bytes} bytes. */
    private void acquire(int bytes) throws InterruptedIOException {
        try {
            budget.acquire(bytes);
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                budget.release(bytes);
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the import was interrupted");
        }
    }

    /** Waits for every task submitted to end. */
    @Override
    public void close() {
        workers.close();
    }
}
