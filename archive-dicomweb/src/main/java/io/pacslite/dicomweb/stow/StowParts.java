package io.pacslite.dicomweb.stow;

import io.pacslite.archive.ingest.Ingest;
import io.pacslite.archive.ingest.StoreResult;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The outcomes of the parts of one STOW-RS request, in the order of the parts. Each part is
 * received from the body in turn, on the request's thread, and committed (fsync, rename, index)
 * on a virtual thread of its own while the next part is received: one instance's fsync overlaps
 * the next one's transfer, and commits that run together share the commit journal's forces
 * (docs/storage.md). At most {@value #IN_FLIGHT} parts wait for their commit at once, so their
 * temp files stay few.
 */
final class StowParts {

    static final int IN_FLIGHT = 8;
    private static final Executor COMMITS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("stow-commit-", 0).factory());

    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final List<CompletableFuture<StowOutcome>> outcomes = new ArrayList<>();

    /** A part whose outcome is known without a commit. */
    void add(StowOutcome outcome) {
        outcomes.add(CompletableFuture.completedFuture(outcome));
    }

    /**
     * Commits {@code received} in the background, its outcome made by {@code outcome}; waits first
     * while {@value #IN_FLIGHT} commits are running.
     *
     * @throws InterruptedIOException if interrupted while waiting; {@code received} is then closed
     */
    void commit(Ingest.Received received, Function<StoreResult, StowOutcome> outcome) throws InterruptedIOException {
        if (received.failed()) {
            add(outcome.apply(received.commit()));
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            received.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to commit a part");
        }
        outcomes.add(CompletableFuture.supplyAsync(() -> {
            try (received) {
                return outcome.apply(received.commit());
            } finally {
                slots.release();
            }
        }, COMMITS));
    }

    /** Waits until every part is committed; their outcomes, in order. */
    List<StowOutcome> await() {
        List<StowOutcome> done = new ArrayList<>(outcomes.size());
        boolean interrupted = false;
        for (CompletableFuture<StowOutcome> outcome : outcomes) {
            while (true) {
                try {
                    done.add(outcome.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the commits still end: wait for them, then say so
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a part's commit failed unexpectedly", e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return done;
    }
}
