package io.pacslite.cli;

import io.pacslite.dimse.net.StoreScu;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what became of each file {@code pacslite store} sends; fed from several threads at once. */
final class StoreTally implements StoreScu.Listener {

    private static final int MAX_LISTED = 50;

    final AtomicLong filesDone = new AtomicLong();
    /** Instances the peer took: success or warning. */
    final AtomicLong instances = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong warned = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void done(StoreScu.Outcome outcome) {
        switch (outcome.type()) {
            case SUCCESS -> taken(outcome, succeeded);
            case WARNING -> {
                taken(outcome, warned);
                note(warnings, outcome.request().file() + ": " + outcome.describe());
            }
            default -> fail(outcome.request().file() + ": " + outcome.describe());
        }
        filesDone.incrementAndGet();
    }

    /** Counts a file that failed, sent or not, and notes why. */
    void fail(String why) {
        failed.incrementAndGet();
        note(failures, why);
    }

    private void taken(StoreScu.Outcome outcome, AtomicLong counter) {
        counter.incrementAndGet();
        instances.incrementAndGet();
        try {
            bytes.addAndGet(Files.size(outcome.request().file()));
        } catch (IOException e) {
            // the file went away after it was sent; its bytes are not counted
        }
    }

    private static void note(List<String> lines, String line) {
        if (lines.size() < MAX_LISTED) {
            lines.add(line);
        }
    }
}
