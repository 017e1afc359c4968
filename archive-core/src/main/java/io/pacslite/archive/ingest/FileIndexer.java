package io.pacslite.archive.ingest;

import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.archive.store.Sha256;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Reads a stored file back into its index row: the header up to Pixel Data for the matching
 * keys and metadata, and the whole file once for size and SHA-256. Start-up recovery,
 * {@code pacslite reindex} and {@code verify --repair} rebuild the index with it, because the
 * files are the source of truth (DESIGN principle 3).
 */
public final class FileIndexer {

    private final BlobStore blobs;

    public FileIndexer(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The index row for the file at {@code key}; {@code sourceAddress} says who indexed it ("recovery", "reindex"). */
    public InstanceRecord read(String key, String sourceAddress) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        try (InputStream file = blobs.open(key);
                CountingInputStream counted = new CountingInputStream(new DigestInputStream(file, sha256));
                DicomReader reader = new DicomReader(counted).stopBeforePixelData()) {
            DicomFile dicom = reader.readFile();
            reader.remainingStream().transferTo(OutputStream.nullOutputStream());
            Attributes dataset = dicom.dataset();
            InstanceRecords.StoredFile stored = new InstanceRecords.StoredFile(key, dicom.transferSyntax().uid(),
                    counted.count(), Sha256.hex(sha256));
            // Who sent the instance is known only to the index row that is being rebuilt.
            return InstanceRecords.of(dataset, stored, Instant.now(), null, sourceAddress,
                    MetadataJson.deflated(dataset));
        }
    }
}
