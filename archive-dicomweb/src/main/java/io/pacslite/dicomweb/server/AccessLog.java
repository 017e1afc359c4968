package io.pacslite.dicomweb.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of the chain: when a request completes, one INFO line (method, path,
 * status, bytes sent, milliseconds; no query string, which may hold patient names) and the
 * {@link Metrics} for its endpoint.
 */
final class AccessLog implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger("io.pacslite.dicomweb.access");

    private final HttpHandler next;
    private final Metrics metrics;

    AccessLog(HttpHandler next, Metrics metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                long nanos = System.nanoTime() - start;
                String endpoint = done.getAttachment(Routes.ENDPOINT);
                metrics.request(endpoint == null ? "other" : endpoint, done.getStatusCode(), nanos,
                        done.getResponseBytesSent());
                LOG.info("{} {} {} {} {}ms", done.getRequestMethod(), done.getRequestPath(), done.getStatusCode(),
                        done.getResponseBytesSent(), nanos / 1_000_000);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }
}
