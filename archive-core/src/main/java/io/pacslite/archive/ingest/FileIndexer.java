package io.pacslite.archive.ingest;

import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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
        MessageDigest sha256 = sha256();
        try (InputStream file = blobs.open(key);
                CountingInputStream counted = new CountingInputStream(new DigestInputStream(file, sha256));
                DicomReader reader = new DicomReader(counted).stopBeforePixelData()) {
            DicomFile dicom = reader.readFile();
            reader.remainingStream().transferTo(OutputStream.nullOutputStream());
            Attributes dataset = dicom.dataset();
            InstanceRecords.StoredFile stored = new InstanceRecords.StoredFile(key, dicom.transferSyntax().uid(),
                    counted.count(), HexFormat.of().formatHex(sha256.digest()));
            // Who sent the instance is known only to the index row that is being rebuilt.
            return InstanceRecords.of(dataset, stored, Instant.now(), null, sourceAddress,
                    MetadataJson.deflated(dataset));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Counts the bytes read through it; skips by reading, so the digest below sees every byte. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = super.read(into, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            byte[] scratch = new byte[8192];
            while (skipped < n) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
