package io.pacslite.archive.index;

import java.time.Instant;

/**
 * A report of a study as the index knows it: an Encapsulated PDF instance (PS3.3 A.45.1).
 *
 * @param supersededBy the SOP Instance UID of the report that replaced this one, or null if
 *     it is current
 * @param deflatedMetadata its DICOM JSON, as {@link StoredMetadata} holds it
 */
public record StoredReport(String seriesUid, String sopUid, Integer instanceNumber, Instant receivedAt,
        String supersededBy, byte[] deflatedMetadata) {
}
