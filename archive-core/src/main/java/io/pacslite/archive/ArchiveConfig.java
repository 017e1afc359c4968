package io.pacslite.archive;

import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.ingest.DuplicatePolicy;
import java.time.Duration;

/**
 * The settings of the archive core.
 *
 * @param duplicatePolicy what a SOP Instance UID sent again with other bytes does (default KEEP_FIRST)
 * @param maxInstanceSize largest instance accepted, in bytes (default 4 GiB)
 * @param fsync whether files are fsynced before a store is acknowledged (default true;
 *     false only for throwaway archives, such as benchmarks that say so)
 * @param checkpointInterval how often the index is synced to disk while stores happen
 *     (default 1 s); files newer than the last sync are re-indexed after a crash
 * @param historyDays how many days the originals of corrected files are kept under
 *     {@code <root>/history} (default 30); older ones are removed at start-up
 * @param coercions the ingest coercion rules (default none)
 */
public record ArchiveConfig(DuplicatePolicy duplicatePolicy, long maxInstanceSize, boolean fsync,
        Duration checkpointInterval, int historyDays, Coercions coercions) {

    private static final int DEFAULT_HISTORY_DAYS = 30;

    public static final ArchiveConfig DEFAULTS = new ArchiveConfig(DuplicatePolicy.KEEP_FIRST, 4L << 30, true,
            Duration.ofSeconds(1), DEFAULT_HISTORY_DAYS, Coercions.NONE);

    /** These settings with the default {@link #historyDays}. */
    public ArchiveConfig(DuplicatePolicy duplicatePolicy, long maxInstanceSize, boolean fsync,
            Duration checkpointInterval) {
        this(duplicatePolicy, maxInstanceSize, fsync, checkpointInterval, DEFAULT_HISTORY_DAYS, Coercions.NONE);
    }

    public ArchiveConfig {
        if (maxInstanceSize <= 0) {
            throw new IllegalArgumentException("maxInstanceSize must be positive: " + maxInstanceSize);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive: " + checkpointInterval);
        }
        if (historyDays <= 0) {
            throw new IllegalArgumentException("historyDays must be positive: " + historyDays);
        }
        if (coercions == null) {
            throw new IllegalArgumentException("coercions must not be null: Coercions.NONE for none");
        }
    }

    public ArchiveConfig withDuplicatePolicy(DuplicatePolicy policy) {
        return new ArchiveConfig(policy, maxInstanceSize, fsync, checkpointInterval, historyDays, coercions);
    }

    public ArchiveConfig withFsync(boolean enabled) {
        return new ArchiveConfig(duplicatePolicy, maxInstanceSize, enabled, checkpointInterval, historyDays, coercions);
    }

    public ArchiveConfig withMaxInstanceSize(long bytes) {
        return new ArchiveConfig(duplicatePolicy, bytes, fsync, checkpointInterval, historyDays, coercions);
    }

    public ArchiveConfig withHistoryDays(int days) {
        return new ArchiveConfig(duplicatePolicy, maxInstanceSize, fsync, checkpointInterval, days, coercions);
    }

    public ArchiveConfig withCoercions(Coercions rules) {
        return new ArchiveConfig(duplicatePolicy, maxInstanceSize, fsync, checkpointInterval, historyDays, rules);
    }
}
