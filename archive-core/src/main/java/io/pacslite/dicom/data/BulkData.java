package io.pacslite.dicom.data;

import java.net.URI;
import java.nio.file.Path;

/**
 * A value left where it is rather than loaded: {@code length} bytes at byte {@code offset} of
 * the resource {@code uri}. The reader makes these for large binary values under
 * {@link io.pacslite.dicom.io.BulkDataPolicy#REFERENCE} (a file: URI, or null when the
 * source was a stream); the DICOM JSON reader makes them for a BulkDataURI (PS3.18 F.2.6),
 * whose offset and length are unknown (-1).
 *
 * @param bigEndian byte order of the referenced bytes
 */
public record BulkData(String uri, long offset, long length, boolean bigEndian) {

    /** A reference to part of a file. */
    public static BulkData inFile(Path file, long offset, long length, boolean bigEndian) {
        return new BulkData(file == null ? null : file.toUri().toString(), offset, length, bigEndian);
    }

    /** A reference by URI alone, as DICOM JSON gives it. */
    public static BulkData atUri(String uri) {
        return new BulkData(uri, -1, -1, false);
    }

    /** The file the bytes are in, or null if the reference is not to a local file. */
    public Path file() {
        return uri != null && uri.startsWith("file:") ? Path.of(URI.create(uri)) : null;
    }
}
