package io.pacslite.archive.index;

import java.time.Instant;

/**
 * An indexed instance with the DICOM JSON metadata stored for it at ingest.
 *
 * @param receivedAt when the stored file was received (changes when a duplicate replaces it)
 * @param deflatedMetadata the instance's DICOM JSON (PS3.18 F.2), zlib-deflated
 *     ({@link java.util.zip.InflaterInputStream} reads it); BulkDataURIs in it are relative to the
 *     instance ("bulkdata/...")
 */
public record StoredMetadata(StoredInstance instance, Instant receivedAt, byte[] deflatedMetadata) {
}
