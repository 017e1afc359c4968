package io.pacslite.dicomweb.server;

import io.pacslite.archive.access.Role;
import io.pacslite.archive.access.OidcConfig;
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
 * @param thumbnailSide the longer side of a thumbnail without a viewport, in pixels (default 128)
 * @param thumbnailCacheBytes the room the thumbnail cache may take on disk (default 256 MiB)
 * @param openLoopback whether clients on loopback addresses are served as admins without a
 *     token (default true; docs/security.md)
 * @param openMetrics whether {@code /metrics} is open to anyone (default true) rather than to admins
 * @param oidc the identity provider whose bearer JWTs are accepted; null (the default) accepts none
 * @param links who may make signed viewer links, and for how long at most
 * @param frameAncestors the pages that may show the viewer in a frame (CSP {@code frame-ancestors});
 *     empty (the default): pages of this server only
 */
public record DicomWebConfig(long maxRequestBytes, List<String> corsAllowedOrigins, Duration shutdownTimeout,
        Path viewerDirectory, int thumbnailSide, long thumbnailCacheBytes, boolean openLoopback, boolean openMetrics,
        OidcConfig oidc, LinkPolicy links, List<String> frameAncestors) {

    /**
     * Signed viewer links (docs/security.md).
     *
     * @param creatorRole the role {@code POST /api/links} needs (default admin)
     * @param maxLifetime the longest a link may work (default 24 h)
     */
    public record LinkPolicy(Role creatorRole, Duration maxLifetime) {

        public static final LinkPolicy DEFAULTS = new LinkPolicy(Role.ADMIN, Duration.ofHours(24));

        public LinkPolicy {
            if (maxLifetime.isNegative() || maxLifetime.isZero()) {
                throw new IllegalArgumentException("the longest link lifetime must be positive: " + maxLifetime);
            }
        }
    }

    /** Bodies of requests other than STOW-RS (there is nothing to read in them). */
    public static final long MAX_OTHER_REQUEST_BYTES = 64 * 1024;

    /** The largest thumbnail side: a thumbnail is small (PS3.18 8.3.5.2 leaves its size to the server). */
    public static final int MAX_THUMBNAIL_SIDE = 1024;

    public static final DicomWebConfig DEFAULTS = new DicomWebConfig(8L << 30, List.of(), Duration.ofSeconds(30),
            null, 128, 256L << 20, true, true, null, LinkPolicy.DEFAULTS, List.of());

    public DicomWebConfig {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
        }
        if (thumbnailSide < 1 || thumbnailSide > MAX_THUMBNAIL_SIDE) {
            throw new IllegalArgumentException("thumbnailSide must be 1 to " + MAX_THUMBNAIL_SIDE + ": " + thumbnailSide);
        }
        if (thumbnailCacheBytes < 0) {
            throw new IllegalArgumentException("thumbnailCacheBytes must not be negative: " + thumbnailCacheBytes);
        }
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        frameAncestors = List.copyOf(frameAncestors);
        frameAncestors.forEach(DicomWebConfig::checkFrameAncestor);
    }

    /** These settings with other CORS origins. */
    public DicomWebConfig withCorsAllowedOrigins(List<String> origins) {
        return new DicomWebConfig(maxRequestBytes, origins, shutdownTimeout, viewerDirectory, thumbnailSide,
                thumbnailCacheBytes, openLoopback, openMetrics, oidc, links, frameAncestors);
    }

    /** These settings with another STOW-RS request limit. */
    public DicomWebConfig withMaxRequestBytes(long bytes) {
        return new DicomWebConfig(bytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory, thumbnailSide,
                thumbnailCacheBytes, openLoopback, openMetrics, oidc, links, frameAncestors);
    }

    /** These settings serving the viewer in {@code directory} at {@code /} (null: no viewer). */
    public DicomWebConfig withViewerDirectory(Path directory) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, directory, thumbnailSide,
                thumbnailCacheBytes, openLoopback, openMetrics, oidc, links, frameAncestors);
    }

    /** These settings with other thumbnail sizes and cache room. */
    public DicomWebConfig withThumbnails(int side, long cacheBytes) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory, side, cacheBytes,
                openLoopback, openMetrics, oidc, links, frameAncestors);
    }

    /** These settings with other access rules (docs/security.md). */
    public DicomWebConfig withAccess(boolean loopbackOpen, boolean metricsOpen) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory, thumbnailSide,
                thumbnailCacheBytes, loopbackOpen, metricsOpen, oidc, links, frameAncestors);
    }

    /** These settings accepting the bearer JWTs of an identity provider (null: none; docs/security.md). */
    public DicomWebConfig withOidc(OidcConfig identityProvider) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory, thumbnailSide,
                thumbnailCacheBytes, openLoopback, openMetrics, identityProvider, links, frameAncestors);
    }

    /** These settings with other link rules and frame ancestors. */
    public DicomWebConfig withLinks(LinkPolicy policy, List<String> ancestors) {
        return new DicomWebConfig(maxRequestBytes, corsAllowedOrigins, shutdownTimeout, viewerDirectory, thumbnailSide,
                thumbnailCacheBytes, openLoopback, openMetrics, oidc, policy, ancestors);
    }

    /**
     * Checks one frame ancestor: a CSP source expression, without the spaces, semicolons and
     * commas that would end it (CSP Level 3, 2.3.1).
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static String checkFrameAncestor(String source) {
        if (!source.matches("[^\\s;,]+")) {
            throw new IllegalArgumentException("a frame ancestor is one CSP source ('self', https://emr.example.org): "
                    + source);
        }
        return source;
    }
}
