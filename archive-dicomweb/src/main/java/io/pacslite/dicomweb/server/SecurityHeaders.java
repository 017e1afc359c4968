package io.pacslite.dicomweb.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.List;

/**
 * The headers every answer carries (docs/security.md): {@code X-Content-Type-Options: nosniff}
 * (browsers take the media type as sent), {@code Referrer-Policy: no-referrer} (a signed
 * viewer link carries its token in the URL, which must not leak to other sites), and a
 * Content-Security-Policy (CSP Level 3) that lets an answer run nothing and be framed only
 * by the configured ancestors. The viewer's pages replace the policy with one OHIF works with.
 */
public final class SecurityHeaders implements HttpHandler {

    /** The Content-Security-Policy header. */
    public static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");

    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");

    private final HttpHandler next;
    private final String policy;

    SecurityHeaders(HttpHandler next, List<String> frameAncestors) {
        this.next = next;
        this.policy = "default-src 'none'; " + frameAncestors(frameAncestors);
    }

    /**
     * The {@code frame-ancestors} directive (CSP Level 3, 6.4.2) for the configured sources;
     * none configured: {@code 'self'}.
     */
    public static String frameAncestors(List<String> sources) {
        return "frame-ancestors " + (sources.isEmpty() ? "'self'" : String.join(" ", sources));
    }

    /**
     * Lets this answer, a document that browsers show with a plugin (a PDF report), be shown:
     * adds {@code object-src 'self'} (CSP Level 3, 6.1.11) to its policy, whose
     * {@code default-src 'none'} would otherwise keep the browser's PDF viewer from loading it.
     */
    public static void allowPluginDocument(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(CONTENT_SECURITY_POLICY, headers.getFirst(CONTENT_SECURITY_POLICY) + "; object-src 'self'");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(NOSNIFF, "nosniff");
        headers.put(REFERRER_POLICY, "no-referrer");
        headers.put(CONTENT_SECURITY_POLICY, policy);
        next.handleRequest(exchange);
    }
}
