package io.pacslite.dicomweb.viewer;

import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.server.SecurityHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

/**
 * The OHIF Viewer at {@code /}: its built files from one folder, with {@code app-config.js}
 * generated for this server ({@link AppConfig}). It takes every request no DICOMweb route
 * matched. A path that names no file is one of the viewer's own pages ({@code /viewer},
 * {@code /local}, ...) when its last segment has no dot or the browser asks for HTML (a page
 * load, even of {@code /viewer/1.2.3}); it is answered with index.html, and the single-page
 * app routes it in the browser. There is no directory listing; {@code ..}, {@code .} and
 * hidden names are refused. See docs/viewer.md.
 */
public final class ViewerService implements DicomWebService {

    private static final String INDEX = "index.html";
    private static final String APP_CONFIG = "/app-config.js";
    // Cross-origin isolation lets the viewer use SharedArrayBuffer (volume and MPR views);
    // everything it loads is on this origin, so nothing is blocked by it. Every file carries
    // the headers: chromium refuses a worker (OHIF decodes images in workers) whose script
    // lacks them when the page has them, and the viewport then stays black.
    private static final HttpString OPENER_POLICY = new HttpString("Cross-Origin-Opener-Policy");
    private static final HttpString EMBEDDER_POLICY = new HttpString("Cross-Origin-Embedder-Policy");

    private final Path root;
    private final String policy;

    /**
     * @param directory the viewer's built files (the {@code dist/} of {@code @ohif/app})
     * @param frameAncestors the pages that may show the viewer in a frame ({@link SecurityHeaders#frameAncestors})
     * @throws IllegalArgumentException if it holds no index.html
     */
    public ViewerService(Path directory, List<String> frameAncestors) {
        if (!OhifViewer.isInstalled(directory)) {
            throw new IllegalArgumentException("no viewer in " + directory + " (no index.html); run bin/fetch-ohif");
        }
        try {
            this.root = directory.toRealPath();
            this.policy = ViewerPolicy.of(Files.readString(root.resolve(INDEX)), frameAncestors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Routes routes) {
        routes.open().fallback("viewer", this::serve);
    }

    private void serve(HttpServerExchange exchange) throws IOException {
        String path = exchange.getRequestPath();
        if (path.equals(Routes.BASE) || path.startsWith(Routes.BASE + "/")) {
            throw HttpError.notFound("no such resource");
        }
        HttpString method = exchange.getRequestMethod();
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            throw new HttpError(405, method + " is not supported on the viewer's files");
        }
        if (path.equals(APP_CONFIG)) {
            appConfig(exchange);
            return;
        }
        Path file = resolve(path);
        if (Files.isRegularFile(file) && file.toRealPath().startsWith(root)) {
            send(exchange, file);
        } else if (!lastSegment(path).contains(".") || asksForPage(exchange)) {
            send(exchange, root.resolve(INDEX));
        } else {
            throw HttpError.notFound("no such file");
        }
    }

    /** The file a request path names, inside the root; 400 for a path that tries to leave it. */
    private Path resolve(String path) {
        Path file = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(".") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                throw HttpError.badRequest("invalid path: . and .. segments, hidden names and backslashes are refused");
            }
            file = file.resolve(segment);
        }
        return file;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A browser opening a page (not loading a script or image) asks for HTML first. */
    private static boolean asksForPage(HttpServerExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        return accept != null && accept.startsWith("text/html");
    }

    private void appConfig(HttpServerExchange exchange) throws IOException {
        putHeaders(exchange, FileType.REVALIDATE);
        String script = AppConfig.script(Requests.origin(exchange));
        try (OutputStream out = Responses.body(exchange, FileType.of(APP_CONFIG).contentType(), true)) {
            out.write(script.getBytes(StandardCharsets.UTF_8));
        }
    }

    private HeaderMap putHeaders(HttpServerExchange exchange, String cacheControl) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CACHE_CONTROL, cacheControl);
        headers.put(SecurityHeaders.CONTENT_SECURITY_POLICY, policy);
        headers.put(OPENER_POLICY, "same-origin");
        headers.put(EMBEDDER_POLICY, "require-corp");
        return headers;
    }

    /** Sends a file: zero copy, or gzip-compressed for text types when the client accepts gzip. */
    private void send(HttpServerExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        FileType type = FileType.of(name);
        HeaderMap headers = putHeaders(exchange, FileType.cacheControl(name));
        Date modified = new Date(Files.getLastModifiedTime(file).toMillis());
        headers.put(Headers.LAST_MODIFIED, DateUtils.toDateString(modified));
        if (!DateUtils.handleIfModifiedSince(exchange, modified)) {
            exchange.setStatusCode(304);
            return;
        }
        try (FileChannel channel = FileChannel.open(file);
                OutputStream out = Responses.body(exchange, type.contentType(), type.compressible())) {
            if (!headers.contains(Headers.CONTENT_ENCODING)) {
                headers.put(Headers.CONTENT_LENGTH, channel.size());
            }
            if (exchange.getRequestMethod().equals(Methods.HEAD)) {
                return;
            }
            Responses.transfer(channel, out);
        }
    }
}
