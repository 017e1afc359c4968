package io.pacslite.archive.maintenance;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.InsertResult;
import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.FileIndexer;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.archive.store.Sha256;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code pacslite verify}: every index row has its file with the recorded size and SHA-256,
 * and every file has its row. With repair, the files being the source of truth: rows
 * without a file are deleted, rows that disagree with their file are rewritten from it, and
 * files without a row are indexed (unreadable ones are only reported).
 */
public final class Verifier {

    /** What verify found (and, with repair, fixed). Lists hold SOP Instance UIDs or file keys. */
    public record Report(long rowsChecked, long filesChecked, List<String> missingFiles, List<String> changedFiles,
            List<String> unindexedFiles, List<String> unreadableFiles, boolean repaired) {

        public boolean isClean() {
            return missingFiles.isEmpty() && changedFiles.isEmpty() && unindexedFiles.isEmpty()
                    && unreadableFiles.isEmpty();
        }
    }

    private final BlobStore blobs;
    private final Index index;
    private final FileIndexer indexer;

    public Verifier(BlobStore blobs, Index index) {
        this.blobs = blobs;
        this.index = index;
        this.indexer = new FileIndexer(blobs);
    }

    public Report run(boolean repair) throws IOException {
        List<StoredInstance> missing = new ArrayList<>();
        List<StoredInstance> changed = new ArrayList<>();
        long[] rows = {0};
        try {
            index.forEachInstance(row -> {
                rows[0]++;
                if (!blobs.exists(row.fileKey())) {
                    missing.add(row);
                } else if (!matches(row)) {
                    changed.add(row);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<String> unindexed = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long files = 0;
        try (Stream<String> keys = blobs.list()) {
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String key = it.next();
                files++;
                String sopUID = sopUIDOf(key);
                StoredInstance row = index.find(sopUID);
                if (row == null || !row.fileKey().equals(key)) {
                    unindexed.add(key);
                }
            }
        }
        if (repair) {
            repair(missing, changed, unindexed, unreadable);
        }
        return new Report(rows[0], files, missing.stream().map(StoredInstance::sopUid).toList(),
                changed.stream().map(StoredInstance::fileKey).toList(), unindexed, unreadable, repair);
    }

    private void repair(List<StoredInstance> missing, List<StoredInstance> changed, List<String> unindexed,
            List<String> unreadable) throws IOException {
        for (StoredInstance row : missing) {
            index.delete(row.sopUid());
        }
        for (StoredInstance row : changed) {
            index.replace(indexer.read(row.fileKey(), "verify --repair"));
        }
        for (String key : unindexed) {
            try {
                InstanceRecord record = indexer.read(key, "verify --repair");
                if (index.find(record.sopUid()) != null) {
                    index.replace(record);
                } else if (index.insert(record) instanceof InsertResult.PatientMismatch) {
                    unreadable.add(key + " (its study is indexed for another patient)");
                }
            } catch (DicomException e) {
                unreadable.add(key + " (" + e.getMessage() + ")");
            }
        }
    }

    private boolean matches(StoredInstance row) {
        try (InputStream in = blobs.open(row.fileKey())) {
            Sha256.Fingerprint file = Sha256.Fingerprint.of(in);
            return file.size() == row.size() && file.sha256().equals(row.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SOP Instance UID a key names: its last path segment without ".dcm". */
    static String sopUIDOf(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        return file.endsWith(".dcm") ? file.substring(0, file.length() - 4) : file;
    }
}
