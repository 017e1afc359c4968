package io.pacslite.archive.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.json.DicomJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * An instance's DICOM JSON metadata (PS3.18 F.2), computed once at ingest and stored
 * deflated in the index, so that series and study /metadata never open files (DESIGN
 * principle 4). Binary values over 1 KiB are BulkDataURIs relative to the instance
 * ("bulkdata/" + element path); the web layer resolves them against the instance's URL.
 */
final class MetadataJson {

    /** Binary values up to this many bytes are inline. */
    static final int INLINE_THRESHOLD = 1024;
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Deflaters to reuse, at most one per store ever in flight at once: making one allocates
     * and clears zlib's tables, which cost as much CPU as deflating a small instance's metadata.
     */
    private static final Queue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();

    private MetadataJson() {
    }

    static byte[] deflated(Attributes dataset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED);
        }
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(bytes, deflater, 4096);
                JsonGenerator generator = JSON.createGenerator(deflated)) {
            new DicomJsonWriter(generator, path -> "bulkdata/" + path, INLINE_THRESHOLD).write(dataset);
        } finally {
            deflater.reset();
            DEFLATERS.offer(deflater);
        }
        return bytes.toByteArray();
    }
}
