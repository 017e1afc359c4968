package io.pacslite.archive.maintenance;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.InsertResult;
import io.pacslite.archive.ingest.FileIndexer;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** {@code pacslite reindex}: rebuilds the index from the files alone (the files are the source of truth). */
public final class Reindexer {

    /** What reindex did; {@code skipped} names files that could not be indexed, with why. */
    public record Report(long indexed, List<String> skipped) {
    }

    private final BlobStore blobs;
    private final Index index;

    public Reindexer(BlobStore blobs, Index index) {
        this.blobs = blobs;
        this.index = index;
    }

    public Report run() throws IOException {
        FileIndexer indexer = new FileIndexer(blobs);
        index.clear();
        long indexed = 0;
        List<String> skipped = new ArrayList<>();
        try (Stream<String> keys = blobs.list()) {
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String key = it.next();
                try {
                    switch (index.insert(indexer.read(key, "reindex"))) {
                        case InsertResult.Inserted ignored -> indexed++;
                        case InsertResult.AlreadyStored stored -> skipped.add(key + " (same SOP Instance UID as "
                                + stored.existing().fileKey() + ")");
                        case InsertResult.PatientMismatch mismatch -> skipped.add(key + " (study belongs to patient "
                                + mismatch.existingPatientKey() + ")");
                    }
                } catch (DicomException e) {
                    skipped.add(key + " (" + e.getMessage() + ")");
                }
            }
        }
        index.checkpoint();
        return new Report(indexed, skipped);
    }
}
