package io.pacslite.dicomweb.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.archive.access.ViewerLinks;
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
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The link API, {@code POST /api/links}, which an EMR (or {@code pacslite link create} while a
 * server holds the archive) calls to get a signed viewer link (docs/security.md). The body is
 * a JSON object {@code {"study": "<Study Instance UID>", "expires": "1h"}} ({@code expires}
 * optional: an hour); the answer is 201 with {@code study}, {@code expires} (an ISO 8601
 * instant), {@code token} and {@code url}, the viewer URL on the origin the request reached;
 * 400 for a malformed body, UID or lifetime, 404 for a study the archive does not hold. The
 * route needs the configured role ({@code http.link-role}, admin by default).
 */
public final class LinkService implements DicomWebService {

    private static final JsonFactory JSON = new JsonFactory();

    private final LinkIssuer issuer;
    private final DicomWebContext context;

    public LinkService(DicomWebContext context) {
        this.context = context;
        this.issuer = new LinkIssuer(context.archive(), context.config().links());
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(context.config().links().creatorRole()).post("/api/links", "links.create", this::create);
    }

    private void create(HttpServerExchange exchange) throws IOException {
        Map<String, String> body = body(exchange);
        ViewerLinks.Link link;
        try {
            link = issuer.create(body.get("study"), body.get("expires"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        } catch (NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        }
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try (OutputStream out = Responses.body(exchange, "application/json", false);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("study", link.study());
            json.writeStringField("expires", link.expires().toString());
            json.writeStringField("token", link.token());
            json.writeStringField("url", LinkIssuer.viewerUrl(Requests.origin(exchange), link));
            json.writeEndObject();
        }
    }

    /** The request's JSON object, its string members by name; 400 if it is not one. */
    private static Map<String, String> body(HttpServerExchange exchange) throws IOException {
        Map<String, String> members = new HashMap<>();
        try (JsonParser json = JSON.createParser(exchange.getInputStream())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("the body is a JSON object: {\"study\": \"<UID>\", \"expires\": \"1h\"}");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    members.put(name, json.getText());
                } else {
                    json.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        return members;
    }
}
