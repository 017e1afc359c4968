package io.pacslite.dicomweb.server;

import io.undertow.server.HttpServerExchange;

/**
 * One endpoint's work. It runs on a virtual thread with the exchange in blocking mode, so it
 * reads the request and writes the response as plain streams; it may throw {@link HttpError}.
 */
@FunctionalInterface
public interface Endpoint {

    void handle(HttpServerExchange exchange) throws Exception;
}
