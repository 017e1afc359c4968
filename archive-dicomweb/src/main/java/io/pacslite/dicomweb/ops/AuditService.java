package io.pacslite.dicomweb.ops;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.audit.Verification;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The audit API, for admins, which {@code pacslite audit} uses while a server holds the
 * archive (docs/security.md, "Audit trail"): {@code GET /api/audit?study=UID&user=NAME&since=INSTANT}
 * answers the matching events, one JSON object a line as in the audit files, events recorded
 * up to the request included; {@code GET /api/audit/verify} walks the hash chain and answers
 * one line, with 200 if it holds and 409 if it is broken.
 */
public final class AuditService implements DicomWebService {

    private final Archive archive;

    public AuditService(Archive archive) {
        this.archive = archive;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.ADMIN)
                .get("/api/audit", "audit.search", this::search)
                .get("/api/audit/verify", "audit.verify", this::verify);
    }

    private void search(HttpServerExchange exchange) throws IOException {
        AuditQuery query = new AuditQuery(Requests.query(exchange, "study"), Requests.query(exchange, "user"),
                since(Requests.query(exchange, "since")));
        flush();
        try (OutputStream out = Responses.body(exchange, "application/x-ndjson", true)) {
            archive.index().auditEvents().search(query, row -> {
                try {
                    out.write((row.json() + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void verify(HttpServerExchange exchange) throws IOException {
        flush();
        Verification verification = archive.audit().verify();
        Responses.text(exchange, verification.intact() ? 200 : 409, "text/plain; charset=utf-8",
                verification.describe() + "\n");
    }

    private void flush() throws InterruptedIOException {
        try {
            archive.audit().flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the audit queue");
        }
    }

    private static Instant since(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest("since is not an ISO 8601 instant: " + text);
        }
    }
}
