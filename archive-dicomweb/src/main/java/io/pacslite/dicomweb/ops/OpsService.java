package io.pacslite.dicomweb.ops;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.store.TempBlob;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For operators: {@code GET /health} (open to anyone: 200 "ok" when the index answers a query
 * and a temp file can be created in the store; 503 naming what failed), {@code GET /metrics}
 * (Prometheus text format; open, or for admins, as configured) and {@code POST /api/backup}
 * (for admins: the index snapshot that {@code pacslite backup} starts from, docs/backup.md;
 * from the loopback interface only, as it hands out the whole index).
 */
public final class OpsService implements DicomWebService {

    private static final Logger LOG = LoggerFactory.getLogger(OpsService.class);

    private final DicomWebContext context;

    public OpsService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.open().get("/health", "health", this::health);
        (context.config().openMetrics() ? routes.open() : routes.requiring(Role.ADMIN))
                .get("/metrics", "metrics", this::metrics);
        routes.requiring(Role.ADMIN).post("/api/backup", "backup", this::backup);
    }

    private void health(HttpServerExchange exchange) {
        Archive archive = context.archive();
        StringBuilder problems = new StringBuilder();
        try {
            archive.index().stats();
        } catch (RuntimeException e) {
            LOG.warn("health: the index does not answer", e);
            problems.append("index: ").append(e.getMessage()).append('\n');
        }
        try (TempBlob probe = archive.blobs().createTemp()) {
            probe.output().write(0);
        } catch (Exception e) {
            LOG.warn("health: the store cannot write", e);
            problems.append("storage: ").append(e.getMessage()).append('\n');
        }
        if (problems.isEmpty()) {
            Responses.text(exchange, 200, "text/plain; charset=utf-8", "ok\n");
        } else {
            Responses.text(exchange, 503, "text/plain; charset=utf-8", problems.toString());
        }
    }

    private void metrics(HttpServerExchange exchange) {
        Responses.text(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                context.metrics().prometheusText(context.archive().index().stats().instances()));
    }

    /** A consistent copy of the index as a ZIP file ({@link Archive#backupIndex}). */
    private void backup(HttpServerExchange exchange) throws IOException {
        if (!exchange.getSourceAddress().getAddress().isLoopbackAddress()) {
            throw new HttpError(403, "backups are taken from this machine only (the loopback interface)");
        }
        try (OutputStream out = Responses.body(exchange, "application/zip", false)) {
            context.archive().backupIndex(out);
        }
    }
}
