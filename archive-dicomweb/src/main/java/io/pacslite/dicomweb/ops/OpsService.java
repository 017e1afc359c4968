package io.pacslite.dicomweb.ops;

import io.pacslite.archive.Archive;
import io.pacslite.archive.store.TempBlob;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For operators: {@code GET /health} (200 "ok" when the index answers a query and a temp file
 * can be created in the store; 503 naming what failed) and {@code GET /metrics} (Prometheus
 * text format).
 */
public final class OpsService implements DicomWebService {

    private static final Logger LOG = LoggerFactory.getLogger(OpsService.class);

    private final DicomWebContext context;

    public OpsService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/health", "health", this::health)
                .get("/metrics", "metrics", this::metrics);
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
}
