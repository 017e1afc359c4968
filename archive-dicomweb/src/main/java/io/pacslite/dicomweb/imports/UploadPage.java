package io.pacslite.dicomweb.imports;

import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.server.SecurityHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The upload page at {@code /upload} (docs/user-guide.md, "Uploads"): plain HTML, a script and
 * a style sheet from this package's resources, open to anyone (they hold no patient data; the
 * imports they send need the uploader role). Its Content-Security-Policy lets it run its own
 * script file and talk to this origin only: no inline script, no other origin.
 */
public final class UploadPage implements DicomWebService {

    private static final String FOLDER = "/io/pacslite/dicomweb/imports/";

    private final String policy;
    private final byte[] page;
    private final byte[] script;
    private final byte[] style;

    /** @param frameAncestors the pages that may frame it ({@link SecurityHeaders#frameAncestors}) */
    public UploadPage(List<String> frameAncestors) {
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "base-uri 'none'; form-action 'none'; " + SecurityHeaders.frameAncestors(frameAncestors);
        this.page = resource("upload.html");
        this.script = resource("upload.js");
        this.style = resource("upload.css");
    }

    @Override
    public void register(Routes routes) {
        routes.open()
                .get("/upload", "upload.page", exchange -> send(exchange, page, "text/html; charset=utf-8"))
                .get("/upload/upload.js", "upload.page", exchange -> send(exchange, script,
                        "text/javascript; charset=utf-8"))
                .get("/upload/upload.css", "upload.page", exchange -> send(exchange, style, "text/css; charset=utf-8"));
    }

    private void send(HttpServerExchange exchange, byte[] body, String type) throws IOException {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            throw new HttpError(405, "GET only");
        }
        exchange.getResponseHeaders().put(SecurityHeaders.CONTENT_SECURITY_POLICY, policy);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        try (OutputStream out = Responses.body(exchange, type, true)) {
            if (!exchange.getRequestMethod().equals(Methods.HEAD)) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = UploadPage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the upload page's " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
