package io.pacslite.dicomweb.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the DICOMweb server, checked once when it starts.
 *
 * @param maxRequestBytes largest STOW-RS request body in bytes (default 8 GiB); other requests
 *     may carry at most {@link #MAX_OTHER_REQUEST_BYTES}
 * @param corsAllowedOrigins origins allowed to call from a browser page of another origin
 *     (CORS); empty (the default) sends no CORS headers; {@code *} allows any
 * @param shutdownTimeout how long closing waits for running requests (default 30 s)
 * @param viewerDirectory the OHIF Viewer's built files, served at {@code /}; null (the
 *     default) serves no viewer (docs/viewer.md)
 */
public record DicomWebConfig(long maxRequestBytes, List<String> corsAllowedOrigins, Duration shutdownTimeout,
        Path viewerDirectory) {

    /** Bodies of requests other than STOW-RS (there is nothing to read in them). */
    public static final long MAX_OTHER_REQUEST_BYTES = 64 * 1024;

    public static final DicomWebConfig DEFAULTS = new DicomWebConfig(8L << 30, List.of(), Duration.ofSeconds(30),
            null);

    public DicomWebConfig {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
        }
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    /** These settings with other CORS origins. */
    public DicomWebConfig withCorsAllowedOrigins(List<String> origins) {
        return new DicomWebConfig(maxRequestBytes, origins, shutdownTimeout, viewerDirectory);
    }

    /** These settings with another STOW-RS request limit. */
    public DicomWebConfig withMaxRequestBytes(long bytes) {
        return new DicomWebConfig(bytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory);
    }

    /** These settings serving the viewer in {@code directory} at {@code /} (null: no viewer). */
    public DicomWebConfig withViewerDirectory(Path directory) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, directory);
    }
}
