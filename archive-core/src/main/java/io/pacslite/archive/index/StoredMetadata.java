package io.pacslite.archive.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.json.DicomJsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.InflaterInputStream;

/**
 * An indexed instance with the DICOM JSON metadata stored for it at ingest.
 *
 * @param receivedAt when the stored file was received (changes when a duplicate replaces it)
 * @param deflatedMetadata the instance's DICOM JSON (PS3.18 F.2), zlib-deflated
 *     ({@link java.util.zip.InflaterInputStream} reads it); BulkDataURIs in it are relative to the
 *     instance ("bulkdata/...")
 */
public record StoredMetadata(StoredInstance instance, Instant receivedAt, byte[] deflatedMetadata) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The metadata as a data set: see {@link #dataset(byte[])}. */
    public Attributes dataset() {
        return dataset(deflatedMetadata);
    }

    /**
     * Stored metadata as a data set, or null for null. Its text is UTF-8 or ASCII
     * ({@link DicomJsonReader}: non-ASCII text makes its Specific Character Set ISO_IR 192); bulk
     * data values are references by URI.
     *
     * @throws UncheckedIOException if the bytes are not deflated DICOM JSON
     */
    public static Attributes dataset(byte[] deflated) {
        if (deflated == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(new InflaterInputStream(new ByteArrayInputStream(deflated)))) {
            return new DicomJsonReader(parser).readDataset();
        } catch (IOException e) {
            throw new UncheckedIOException("the stored instance metadata is not readable DICOM JSON", e);
        }
    }
}
