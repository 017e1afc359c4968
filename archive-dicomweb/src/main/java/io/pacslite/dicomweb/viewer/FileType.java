package io.pacslite.dicomweb.viewer;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a viewer file is sent, from its name: media type, whether gzip pays, and how long a
 * browser may keep it. Bundles whose names carry a content hash ({@code app.bundle.0f6159c501addfe9.js},
 * {@code 34b1e6b1deb5828e.wasm}) never change, so they are cached for a year; everything else
 * (index.html, unhashed chunks, images) is revalidated each time with Last-Modified.
 */
record FileType(String contentType, boolean compressible) {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private static final Pattern HASHED = Pattern.compile("(^|.*[.-])[0-9a-f]{16,}\\.[A-Za-z0-9]+");
    private static final FileType OTHER = new FileType("application/octet-stream", false);
    private static final Map<String, FileType> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", new FileType("text/html; charset=utf-8", true)),
            Map.entry("js", new FileType("text/javascript; charset=utf-8", true)),
            Map.entry("mjs", new FileType("text/javascript; charset=utf-8", true)),
            Map.entry("css", new FileType("text/css; charset=utf-8", true)),
            Map.entry("json", new FileType("application/json", true)),
            Map.entry("jsonc", new FileType("application/json", true)),
            Map.entry("map", new FileType("application/json", true)),
            Map.entry("webmanifest", new FileType("application/manifest+json", true)),
            Map.entry("webapp", new FileType("application/manifest+json", true)),
            Map.entry("txt", new FileType("text/plain; charset=utf-8", true)),
            Map.entry("xml", new FileType("application/xml", true)),
            Map.entry("svg", new FileType("image/svg+xml", true)),
            Map.entry("wasm", new FileType("application/wasm", true)),
            Map.entry("woff2", new FileType("font/woff2", false)),
            Map.entry("woff", new FileType("font/woff", false)),
            Map.entry("ttf", new FileType("font/ttf", true)),
            Map.entry("png", new FileType("image/png", false)),
            Map.entry("jpg", new FileType("image/jpeg", false)),
            Map.entry("jpeg", new FileType("image/jpeg", false)),
            Map.entry("gif", new FileType("image/gif", false)),
            Map.entry("webp", new FileType("image/webp", false)),
            Map.entry("ico", new FileType("image/x-icon", false)));

    /** The type of the file named {@code fileName} (application/octet-stream when unknown). */
    static FileType of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? OTHER : BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OTHER);
    }

    /** The Cache-Control header for the file named {@code fileName}. */
    static String cacheControl(String fileName) {
        return HASHED.matcher(fileName).matches() ? IMMUTABLE : REVALIDATE;
    }
}
