package io.pacslite.archive.maintenance;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.IndexException;
import io.pacslite.archive.index.InsertResult;
import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.FileIndexer;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery after an unclean stop (DESIGN principle 3). Files are fsynced before a
 * store is acknowledged, index commits are synced only at checkpoints; so every file
 * written since the last checkpoint is read again and its row inserted or corrected. After
 * it, every file has its row, and every acknowledged instance is in the index.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /**
     * How much further back than the checkpoint to look: a file is written (its time stamp)
     * a moment before its row commits, and clocks step. 10 s covers a slow fsync under load.
     */
    private static final long SLACK_SECONDS = 10;

    /**
     * What recovery did.
     *
     * @param rebuilt whether the index had to be rebuilt from all the files ({@code Archive} does that when
     *     it cannot be recovered in place)
     */
    public record Result(long filesChecked, long rowsRepaired, long filesRemoved, boolean rebuilt) {

        /** Nothing to do: the archive was closed cleanly. */
        public static final Result NONE = new Result(0, 0, 0, false);
    }

    private Recovery() {
    }

    /** Re-indexes every file modified at or after {@code durableBefore} (less a little slack). */
    public static Result run(FileSystemBlobStore blobs, Index index, FileIndexer indexer, Instant durableBefore)
            throws IOException {
        Instant since = durableBefore.minusSeconds(SLACK_SECONDS);
        long checked = 0;
        long repaired = 0;
        long removed = 0;
        try (Stream<String> keys = blobs.list()) {
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String key = it.next();
                if (Files.getLastModifiedTime(blobs.pathOf(key)).toInstant().isBefore(since)) {
                    continue;
                }
                checked++;
                InstanceRecord record;
                try {
                    record = indexer.read(key, "recovery");
                } catch (DicomException e) {
                    LOG.warn("recovery: {} is not readable ({}); removed", key, e.getMessage());
                    blobs.delete(key);
                    removed++;
                    continue;
                }
                StoredInstance row = index.find(record.sopUid());
                if (row == null) {
                    if (insert(index, record, key) instanceof InsertResult.PatientMismatch) {
                        // The store that wrote it was answered with a failure (or never answered).
                        blobs.delete(key);
                        removed++;
                    } else {
                        repaired++;
                    }
                } else if (!row.sha256().equals(record.sha256()) || !row.fileKey().equals(key)) {
                    index.replace(record);
                    repaired++;
                }
            }
        }
        LOG.info("recovery: checked {} files written since {}, repaired {} index rows, removed {} files",
                checked, since, repaired, removed);
        return new Result(checked, repaired, removed, false);
    }

    /**
     * Indexes a file the index lacks. Every file in the store was indexed consistently when it
     * was stored (a store whose index row was refused removes its file), so an index that
     * places the file's series under another study contradicts the files it was built from:
     * the crash left it inconsistent, and the archive rebuilds it from the files.
     */
    private static InsertResult insert(Index index, InstanceRecord record, String key) {
        try {
            return index.insert(record);
        } catch (IllegalArgumentException e) {
            throw new IndexException("the index contradicts the file " + key + ": " + e.getMessage(), e);
        }
    }
}
