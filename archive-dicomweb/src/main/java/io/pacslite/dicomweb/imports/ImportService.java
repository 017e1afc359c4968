package io.pacslite.dicomweb.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.imports.AttachmentType;
import io.pacslite.archive.imports.Import;
import io.pacslite.archive.imports.ImportLimits;
import io.pacslite.archive.imports.ImportReport;
import io.pacslite.archive.imports.Imports;
import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartException;
import io.pacslite.dicomweb.multipart.MultipartReader;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.server.SecurityHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports over HTTP and the attachments they keep (docs/dicomweb.md, "Imports"):
 * <ul>
 *   <li>{@code POST /api/imports} (uploader): a body of {@code application/zip} (a CD or a
 *       folder zipped), {@code application/octet-stream} or {@code application/dicom} (one file,
 *       taken by its content), or {@code multipart/form-data} with one or more files (a
 *       browser's folder upload, each part named by its relative path). The body streams into
 *       an {@link Import} as it arrives. Once it is read the answer is 202 with the import's
 *       report ({@code id}, {@code status}, {@code url}, progress so far) and a Location; the
 *       import finishes in the background. With {@code ?wait=true} the answer waits for the end
 *       (200). An import that failed while the body was read (a refused, truncated or damaged
 *       archive) is answered 422 with its report.</li>
 *   <li>{@code GET /api/imports/{id}} (uploader): the report, as it stands.</li>
 *   <li>{@code GET /api/studies/{study}/attachments} (viewer; a signed viewer link reaches its
 *       own study only): the attachments kept with a study.</li>
 *   <li>{@code GET /api/studies/{study}/attachments/{attachment}} (viewer): one attachment, always
 *       as a download ({@code Content-Disposition: attachment}), {@code application/octet-stream}
 *       unless its bytes are a PDF, JPEG or PNG, with {@code X-Content-Type-Options: nosniff} and a
 *       sandboxing Content-Security-Policy: it is never run or shown as a page here.</li>
 * </ul>
 */
public final class ImportService implements DicomWebService {

    /** The path of the import resources. */
    public static final String IMPORTS = "/api/imports";

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> SINGLE_FILE = Set.of("application/octet-stream", "application/dicom");
    private static final Set<String> ZIP = Set.of("application/zip", "application/x-zip-compressed",
            "application/x-zip");
    private static final Set<String> SERVED_AS_IS = Set.of(AttachmentType.PDF, AttachmentType.JPEG, AttachmentType.PNG);
    private static final String ATTACHMENT_POLICY = "default-src 'none'; sandbox";

    private final DicomWebContext context;
    private final Imports imports;

    public ImportService(DicomWebContext context) {
        this(context, ImportLimits.DEFAULTS);
    }

    /** With other import limits (tests). */
    public ImportService(DicomWebContext context, ImportLimits limits) {
        this.context = context;
        this.imports = new Imports(context.archive(), limits);
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.UPLOADER)
                .post(IMPORTS, "imports.create", this::create)
                .get(IMPORTS + "/{id}", "imports.get", this::get);
        routes.requiring(Role.VIEWER)
                .get("/api/studies/{study}/attachments", "attachments.list", this::list)
                .get("/api/studies/{study}/attachments/{attachment}", "attachments.get", this::download);
    }

    private void create(HttpServerExchange exchange) throws IOException {
        MediaType type = contentType(exchange);
        long limit = context.config().maxRequestBytes();
        exchange.setMaxEntitySize(limit);
        long length = exchange.getRequestContentLength();
        if (length > limit) {
            throw new HttpError(413, "the request is larger than the limit of " + limit + " bytes");
        }
        boolean wait = "true".equalsIgnoreCase(Requests.query(exchange, "wait"));
        String client = Requests.client(exchange);
        Import running = imports.start(client);
        running.expectBytes(length);
        Instant started = Instant.now();
        InputStream body = exchange.getInputStream();
        try {
            if (type.is("multipart/form-data")) {
                readParts(running, new MultipartReader(body, boundary(type)));
            } else {
                running.addStream(body, fileName(exchange, type));
            }
        } catch (MultipartException e) {
            running.fail("the multipart body is malformed: " + e.getMessage());
        } catch (IOException e) {
            running.fail("the upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            running.fail("the import failed: " + e);
            running.finish();
            throw e;
        } finally {
            drain(body);
        }
        ImportReport report;
        if (wait || running.report().failure() != null) {
            report = running.finish();
            logUpload(client, started, report);
            exchange.setStatusCode(report.status() == Import.Status.FAILED ? 422 : 200);
        } else {
            Thread.ofVirtual().name("import-" + running.id()).start(() -> {
                ImportReport ended = running.finish();
                logUpload(client, started, ended);
            });
            report = running.report();
            exchange.setStatusCode(202);
        }
        exchange.getResponseHeaders().put(Headers.LOCATION, IMPORTS + "/" + running.id());
        answer(exchange, report);
    }

    private static void readParts(Import running, MultipartReader reader) throws IOException {
        int number = 0;
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            number++;
            String name = dispositionFileName(part.headers().get("content-disposition"));
            running.addStream(part.body(), name != null ? name : "part " + number);
        }
        if (number == 0) {
            running.fail("the multipart body has no parts");
        }
    }

    /** Reads what is left of the body, so that the answer reaches a client still sending; a broken body is left. */
    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the import has said why already, or the client is gone
        }
    }

    private void get(HttpServerExchange exchange) throws IOException {
        Import found = imports.find(Requests.pathParameter(exchange, "id"))
                .orElseThrow(() -> HttpError.notFound("no such import (reports are kept for a day, until a restart)"));
        answer(exchange, found.report());
    }

    private void answer(HttpServerExchange exchange, ImportReport report) throws IOException {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try (OutputStream out = Responses.body(exchange, "application/json", true);
                JsonGenerator json = JSON.createGenerator(out)) {
            ImportJson.write(json, report, IMPORTS + "/" + report.id(), context.config().viewerDirectory() != null);
        }
    }

    private void list(HttpServerExchange exchange) throws IOException {
        String study = Requests.uid(exchange, "study");
        List<AttachmentTable.Row> rows = context.archive().attachments().list(study);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try (OutputStream out = Responses.body(exchange, "application/json", true);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (AttachmentTable.Row row : rows) {
                ImportJson.attachment(json, row);
            }
            json.writeEndArray();
        }
    }

    private void download(HttpServerExchange exchange) throws IOException {
        String study = Requests.uid(exchange, "study");
        long id;
        try {
            id = Long.parseLong(Requests.pathParameter(exchange, "attachment"));
        } catch (NumberFormatException e) {
            throw HttpError.notFound("no such attachment");
        }
        AttachmentTable.Row row = context.archive().attachments().find(study, id)
                .orElseThrow(() -> HttpError.notFound("no such attachment"));
        Path file = context.archive().attachments().pathOf(row.sha256());
        try (FileChannel channel = FileChannel.open(file)) {
            var headers = exchange.getResponseHeaders();
            headers.put(Headers.CONTENT_TYPE, SERVED_AS_IS.contains(row.mediaType()) ? row.mediaType()
                    : AttachmentType.OCTET_STREAM);
            headers.put(Headers.CONTENT_DISPOSITION, contentDisposition(row.name()));
            headers.put(new HttpString("X-Content-Type-Options"), "nosniff");
            headers.put(SecurityHeaders.CONTENT_SECURITY_POLICY, ATTACHMENT_POLICY);
            headers.put(Headers.CACHE_CONTROL, "private, no-store");
            headers.put(Headers.CONTENT_LENGTH, channel.size());
            if (exchange.getRequestMethod().equals(Methods.HEAD)) {
                return;
            }
            try (OutputStream out = exchange.getOutputStream()) {
                Responses.transfer(channel, out);
            }
        } catch (NoSuchFileException e) {
            LOG.error("the file of attachment {} of study {} is missing: {}", id, study, file);
            throw new HttpError(503, "the attachment's file is missing");
        }
    }

    /**
     * {@code attachment; filename="..."; filename*=UTF-8''...} (RFC 6266): the member's last
     * name, in ASCII letters, digits, dots, dashes and underscores for the plain parameter, and
     * percent-encoded UTF-8 for the extended one. Browsers take the name as a suggestion only,
     * and never a path.
     */
    static String contentDisposition(String memberName) {
        String last = memberName.substring(Math.max(memberName.lastIndexOf('/'),
                Math.max(memberName.lastIndexOf('\\'), memberName.lastIndexOf('!'))) + 1);
        if (last.isBlank()) {
            last = "attachment";
        }
        String ascii = last.replaceAll("[^A-Za-z0-9._-]", "_");
        if (ascii.startsWith(".")) {
            ascii = "_" + ascii.substring(1);
        }
        String encoded = URLEncoder.encode(last, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static MediaType contentType(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String supported = "send application/zip, application/octet-stream (one file) or multipart/form-data";
        if (header == null) {
            throw HttpError.unsupportedMediaType("an import needs a Content-Type: " + supported);
        }
        MediaType type;
        try {
            type = MediaType.parse(header);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("unreadable Content-Type: " + e.getMessage());
        }
        if (ZIP.contains(type.essence()) || SINGLE_FILE.contains(type.essence()) || type.is("multipart/form-data")) {
            return type;
        }
        throw HttpError.unsupportedMediaType("Content-Type " + type.essence() + " is not taken; " + supported);
    }

    private static String boundary(MediaType type) {
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw HttpError.badRequest("the multipart/form-data Content-Type has no usable boundary parameter");
        }
        return boundary;
    }

    /**
     * The name of a single-file upload: the {@code name} query parameter, else the
     * Content-Disposition's file name, else "upload.zip" or "upload".
     */
    private static String fileName(HttpServerExchange exchange, MediaType type) {
        String name = Requests.query(exchange, "name");
        if (name == null || name.isBlank()) {
            name = dispositionFileName(exchange.getRequestHeaders().getFirst(Headers.CONTENT_DISPOSITION));
        }
        if (name != null && !name.isBlank()) {
            return name;
        }
        return ZIP.contains(type.essence()) ? "upload.zip" : "upload";
    }

    /**
     * The {@code filename} parameter of a Content-Disposition (RFC 7578 4.2: a browser's folder
     * upload sends the relative path there), quoted or not, or null. It is only ever a name in
     * reports.
     */
    static String dispositionFileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        int at = indexOfParameter(disposition, "filename");
        if (at < 0) {
            return null;
        }
        int i = disposition.indexOf('=', at) + 1;
        while (i < disposition.length() && disposition.charAt(i) == ' ') {
            i++;
        }
        StringBuilder name = new StringBuilder();
        if (i < disposition.length() && disposition.charAt(i) == '"') {
            for (i++; i < disposition.length() && disposition.charAt(i) != '"'; i++) {
                char c = disposition.charAt(i);
                if (c == '\\' && i + 1 < disposition.length()) {
                    c = disposition.charAt(++i);
                }
                name.append(c);
            }
        } else {
            for (; i < disposition.length() && disposition.charAt(i) != ';'; i++) {
                name.append(disposition.charAt(i));
            }
        }
        String value = name.toString().strip();
        // Browsers send the bytes of UTF-8 names as they are; Undertow reads headers as ISO-8859-1.
        value = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return value.isEmpty() ? null : value;
    }

    private static int indexOfParameter(String header, String name) {
        String lower = header.toLowerCase(java.util.Locale.ROOT);
        for (int at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
            int after = at + name.length();
            boolean startsParameter = at > 0 && (lower.charAt(at - 1) == ';' || lower.charAt(at - 1) == ' ');
            int equals = after;
            while (equals < lower.length() && lower.charAt(equals) == ' ') {
                equals++;
            }
            if (startsParameter && equals < lower.length() && lower.charAt(equals) == '=') {
                return at;
            }
        }
        return -1;
    }

    private void logUpload(String client, Instant started, ImportReport report) {
        context.metrics().stored((int) report.stored());
        String outcome = report.failure() != null ? report.failure()
                : report.failed() == 0 ? "imported" : report.failed() + " failed";
        try {
            context.archive().index().logUpload(started, Instant.now(), "http-import:" + client,
                    (int) report.stored(), (int) (report.alreadyStored() + report.duplicates()), (int) report.failed(),
                    outcome);
        } catch (RuntimeException e) {
            LOG.warn("the import could not be logged", e);
        }
    }
}
