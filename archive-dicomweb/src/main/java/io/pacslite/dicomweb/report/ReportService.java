package io.pacslite.dicomweb.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.report.PdfDocument;
import io.pacslite.archive.report.ReportException;
import io.pacslite.archive.report.Reports;
import io.pacslite.dicomweb.auth.StudyScope;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Radiology reports of a study (docs/dicomweb.md, "Reports"), filed as Encapsulated PDF
 * instances by {@link Reports}:
 *
 * <ul>
 * <li>{@code POST /api/studies/{study}/reports} (uploader), body {@code application/pdf}: a new
 *     report; {@code title} names it (else the file name of a {@code Content-Disposition}, else
 *     "Report"); {@code replaces=<SOP Instance UID>} makes it replace that report. 201 with the
 *     report as JSON and its WADO-RS URL in {@code Location}.
 * <li>{@code PUT /api/studies/{study}/reports/{instance}} (uploader): replaces that report.
 * <li>{@code GET /api/studies/{study}/reports} (viewer): every report, current and superseded.
 * <li>{@code DELETE /api/studies/{study}/reports/{instance}} (admin): removes one. 204.
 * </ul>
 */
public final class ReportService implements DicomWebService {

    static final String REPORTS = "/api/studies/{study}/reports";
    static final String REPORT = REPORTS + "/{instance}";
    private static final String DEFAULT_TITLE = "Report";
    /** Document Title is ST (PS3.5 6.2): at most 1024 characters. */
    private static final int MAX_TITLE = 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final Reports reports;

    public ReportService(DicomWebContext context) {
        this.reports = new Reports(context.archive());
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.UPLOADER).post(REPORTS, "reports.attach", this::attach)
                .put(REPORT, "reports.replace", this::replace);
        routes.requiring(Role.VIEWER).get(REPORTS, "reports.list", this::list);
        routes.requiring(Role.ADMIN).delete(REPORT, "reports.remove", this::remove);
    }

    private void attach(HttpServerExchange exchange) throws IOException {
        String replaces = Requests.query(exchange, "replaces");
        file(exchange, replaces == null ? null : Requests.validUid(replaces, "replaced report's SOP Instance"));
    }

    private void replace(HttpServerExchange exchange) throws IOException {
        file(exchange, Requests.uid(exchange, "instance"));
    }

    /** Reads the PDF and files it as a new report, replacing {@code replaces} unless that is null. */
    private void file(HttpServerExchange exchange, String replaces) throws IOException {
        String study = Requests.uid(exchange, "study");
        String title = title(exchange, replaces == null);
        Reports.Report report;
        try {
            PdfDocument pdf = pdf(exchange);
            String uploader = StudyScope.callerName(exchange);
            report = replaces == null ? reports.attach(study, pdf, title, uploader)
                    : reports.replace(study, replaces, pdf, title, uploader);
        } catch (ReportException e) {
            throw error(e);
        }
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().put(Headers.LOCATION, instanceUrl(exchange, report));
        try (OutputStream out = Responses.body(exchange, "application/json", false);
                JsonGenerator json = JSON.createGenerator(out)) {
            write(json, exchange, report);
        }
    }

    private void list(HttpServerExchange exchange) throws IOException {
        List<Reports.Report> all = reports.list(Requests.uid(exchange, "study"));
        try (OutputStream out = Responses.body(exchange, "application/json", true);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Reports.Report report : all) {
                write(json, exchange, report);
            }
            json.writeEndArray();
        }
    }

    private void remove(HttpServerExchange exchange) throws IOException {
        try {
            reports.remove(Requests.uid(exchange, "study"), Requests.uid(exchange, "instance"));
        } catch (ReportException e) {
            throw error(e);
        }
        Responses.text(exchange, 204, "text/plain", "");
    }

    /** The body, which must be declared and be a PDF; the route's small body limit is raised to the PDF cap first. */
    private static PdfDocument pdf(HttpServerExchange exchange) throws IOException, ReportException {
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        try {
            if (type == null || !MediaType.parse(type).is("application/pdf")) {
                throw HttpError.unsupportedMediaType("a report is sent as application/pdf, not " + type);
            }
        } catch (IllegalArgumentException e) {
            throw HttpError.unsupportedMediaType("unreadable Content-Type: " + e.getMessage());
        }
        exchange.setMaxEntitySize(PdfDocument.MAX_BYTES + 1L);
        return PdfDocument.read(exchange.getInputStream());
    }

    /**
     * The Document Title: the {@code title} parameter, else the file name a Content-Disposition
     * gives (without ".pdf"), else, for a new report, "Report"; null (keep the replaced one's) for a replacement.
     */
    private static String title(HttpServerExchange exchange, boolean newReport) {
        String title = Requests.query(exchange, "title");
        if (title == null) {
            String disposition = exchange.getRequestHeaders().getFirst(Headers.CONTENT_DISPOSITION);
            String file = disposition == null ? null : Headers.extractQuotedValueFromHeader(disposition, "filename");
            title = file == null || file.isBlank() ? null : file.replaceFirst("(?i)\\.pdf$", "");
        }
        if (title != null && (title.isBlank() || title.length() > MAX_TITLE)) {
            throw HttpError.badRequest("a report title has 1 to " + MAX_TITLE + " characters");
        }
        return title != null || !newReport ? title : DEFAULT_TITLE;
    }

    /** The one place a report failure becomes an HTTP status. */
    private static HttpError error(ReportException e) {
        int status = switch (e.reason()) {
            case NOT_PDF -> 415;
            case TRUNCATED_PDF -> 400;
            case TOO_LARGE -> 413;
            case NO_SUCH_STUDY, NO_SUCH_REPORT -> 404;
            case ALREADY_SUPERSEDED -> 409;
            case STORE_FAILED -> 500;
        };
        return new HttpError(status, e.getMessage());
    }

    private static String instanceUrl(HttpServerExchange exchange, Reports.Report report) {
        return Requests.baseUrl(exchange) + "/studies/" + report.studyUid() + "/series/" + report.seriesUid()
                + "/instances/" + report.sopUid();
    }

    private static void write(JsonGenerator json, HttpServerExchange exchange, Reports.Report report)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("studyInstanceUID", report.studyUid());
        json.writeStringField("seriesInstanceUID", report.seriesUid());
        json.writeStringField("sopInstanceUID", report.sopUid());
        if (report.instanceNumber() != null) {
            json.writeNumberField("instanceNumber", report.instanceNumber());
        }
        json.writeStringField("title", report.title());
        json.writeStringField("received", report.receivedAt().toString());
        json.writeStringField("supersededBy", report.supersededBy());
        json.writeStringField("url", instanceUrl(exchange, report));
        json.writeStringField("pdf", instanceUrl(exchange, report) + "/rendered");
        json.writeEndObject();
    }
}
