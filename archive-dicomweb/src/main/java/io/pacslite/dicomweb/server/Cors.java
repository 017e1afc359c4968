package io.pacslite.dicomweb.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;

/**
 * Cross-origin requests (the Fetch standard's CORS protocol), off unless origins are
 * configured: a request whose Origin is allowed gets Access-Control-Allow-Origin, and a
 * preflight (OPTIONS with Access-Control-Request-Method) is answered here with 204.
 */
final class Cors implements HttpHandler {

    private static final HttpString ORIGIN = new HttpString("Origin");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

    private final HttpHandler next;
    private final List<String> allowed;

    Cors(HttpHandler next, List<String> allowed) {
        this.next = next;
        this.allowed = allowed;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
        if (origin == null || !(allowed.contains("*") || allowed.contains(origin))) {
            next.handleRequest(exchange);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.put(new HttpString("Access-Control-Allow-Origin"), allowed.contains("*") ? "*" : origin);
        headers.put(new HttpString("Vary"), "Origin");
        headers.put(new HttpString("Access-Control-Expose-Headers"), "Content-Type, Content-Length, ETag, Warning");
        if (exchange.getRequestMethod().equals(Methods.OPTIONS) && exchange.getRequestHeaders().contains(REQUEST_METHOD)) {
            headers.put(new HttpString("Access-Control-Allow-Methods"), "GET, HEAD, POST, DELETE, OPTIONS");
            headers.put(new HttpString("Access-Control-Allow-Headers"), "Accept, Content-Type, Authorization, Range");
            headers.put(new HttpString("Access-Control-Max-Age"), "600");
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }
}
