package io.pacslite.dicomweb.server;

import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicomweb.multipart.MediaType;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;
import java.util.List;

/** What endpoints read from a request: path UIDs (validated), query parameters, Accept, base URL. */
public final class Requests {

    private Requests() {
    }

    /**
     * The UID in path parameter {@code name}, checked against PS3.5 9.1 (so {@code ../} and
     * anything else that is not a UID never reaches the index or a path).
     *
     * @throws HttpError 400 if it is not a valid UID
     */
    public static String uid(HttpServerExchange exchange, String name) {
        String value = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
        return validUid(value, name);
    }

    /** The UID in path parameter {@code name} (checked as {@link #uid}), or null if the route has none. */
    public static String optionalUid(HttpServerExchange exchange, String name) {
        return pathParameter(exchange, name) == null ? null : uid(exchange, name);
    }

    /** A path parameter as given (not a UID), or null. */
    public static String pathParameter(HttpServerExchange exchange, String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    /** Checks a UID from the request: 400 naming {@code what} if it breaks PS3.5 9.1. */
    public static String validUid(String value, String what) {
        String problem = value == null ? "missing" : UIDs.problemWith(value);
        if (problem != null) {
            throw HttpError.badRequest("invalid " + what + " UID: " + problem);
        }
        return value;
    }

    /** The first value of query parameter {@code name}, or null. */
    public static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The Accept header's media ranges (any, when there is none). */
    public static List<MediaType> accept(HttpServerExchange exchange) {
        try {
            return MediaType.parseList(String.join(",", exchange.getRequestHeaders().get(Headers.ACCEPT) == null
                    ? List.of() : exchange.getRequestHeaders().get(Headers.ACCEPT)));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("unreadable Accept header: " + e.getMessage());
        }
    }

    /**
     * The acceptable media types: the {@code accept} query parameter (PS3.18 8.3.3.1) if given,
     * else the Accept header.
     *
     * @throws HttpError 400 if the one used cannot be read
     */
    public static List<MediaType> acceptable(HttpServerExchange exchange) {
        String query = query(exchange, "accept");
        if (query == null) {
            return accept(exchange);
        }
        try {
            return MediaType.parseList(query);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("accept: " + e.getMessage());
        }
    }

    /** The service base URL as the client reached it: scheme, host and {@link Routes#BASE}. */
    public static String baseUrl(HttpServerExchange exchange) {
        return origin(exchange) + Routes.BASE;
    }

    /** The origin as the client reached it: scheme, host and port ({@code http://host:8080}). */
    public static String origin(HttpServerExchange exchange) {
        return exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
    }

    /** The client's address, for logs and the upload log. */
    public static String client(HttpServerExchange exchange) {
        return exchange.getSourceAddress() == null ? "unknown" : exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
