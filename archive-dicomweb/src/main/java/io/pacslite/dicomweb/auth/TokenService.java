package io.pacslite.dicomweb.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.access.ApiToken;
import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The token API, for admins, which {@code pacslite token} uses while a server holds the
 * archive (docs/security.md): {@code GET /api/tokens} lists the tokens (never a secret),
 * {@code POST /api/tokens?name=N&role=R[&expires=INSTANT]} creates one and answers 201 with
 * the token, the only time it is shown, and {@code DELETE /api/tokens/{name}} revokes one
 * (204; 404 if there is none, or it was revoked already). Bodies are JSON objects with the
 * members name, role, created, expires and revoked (ISO 8601 instants or null), and token.
 */
public final class TokenService implements DicomWebService {

    private static final JsonFactory JSON = new JsonFactory();

    private final ApiTokens tokens;

    public TokenService(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.ADMIN)
                .get("/api/tokens", "tokens.list", this::list)
                .post("/api/tokens", "tokens.create", this::create)
                .delete("/api/tokens/{name}", "tokens.revoke", this::revoke);
    }

    private void list(HttpServerExchange exchange) throws IOException {
        List<ApiToken> all = tokens.list();
        try (OutputStream out = Responses.body(exchange, "application/json", true);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (ApiToken token : all) {
                json.writeStartObject();
                writeFields(json, token);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private void create(HttpServerExchange exchange) throws IOException {
        ApiTokens.Created created;
        try {
            created = tokens.create(Requests.query(exchange, "name"), Role.of(String.valueOf(Requests.query(exchange,
                    "role"))), expires(Requests.query(exchange, "expires")));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try (OutputStream out = Responses.body(exchange, "application/json", false);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, created.token());
            json.writeStringField("token", created.secret());
            json.writeEndObject();
        }
    }

    private void revoke(HttpServerExchange exchange) {
        String name = Requests.pathParameter(exchange, "name");
        if (!tokens.revoke(name)) {
            throw HttpError.notFound("no token named " + name + " that is not revoked already");
        }
        exchange.setStatusCode(204);
    }

    private static Instant expires(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest("expires is not an ISO 8601 instant: " + text);
        }
    }

    private static void writeFields(JsonGenerator json, ApiToken token) throws IOException {
        json.writeStringField("name", token.name());
        json.writeStringField("role", token.role().label());
        json.writeStringField("created", token.created().toString());
        json.writeStringField("expires", token.expires() == null ? null : token.expires().toString());
        json.writeStringField("revoked", token.revoked() == null ? null : token.revoked().toString());
    }
}
