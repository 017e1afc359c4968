package io.pacslite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.access.ApiToken;
import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.Role;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The tokens of an archive that a running server holds, through its token API ({@code /api/tokens}). */
final class ServerTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningServer server;

    ServerTokenStore(RunningServer server) {
        this.server = server;
    }

    @Override
    public ApiTokens.Created create(String name, Role role, Instant expires) throws IOException, InterruptedException {
        String query = "?name=" + encode(name) + "&role=" + role.label()
                + (expires == null ? "" : "&expires=" + encode(expires.toString()));
        HttpResponse<String> response = server.send(server.request("/api/tokens" + query)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400) {
            throw new IllegalArgumentException(response.body().strip());
        }
        JsonNode created = json(response, 201);
        return new ApiTokens.Created(token(created), created.get("token").asText());
    }

    @Override
    public List<ApiToken> list() throws IOException, InterruptedException {
        HttpResponse<String> response = server.send(server.request("/api/tokens").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<ApiToken> tokens = new ArrayList<>();
        for (JsonNode token : json(response, 200)) {
            tokens.add(token(token));
        }
        return tokens;
    }

    @Override
    public boolean revoke(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = server.send(server.request("/api/tokens/" + encode(name)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 204) {
            throw server.refused(response.statusCode(), response.body());
        }
        return true;
    }

    private JsonNode json(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw server.refused(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    private static ApiToken token(JsonNode json) {
        return new ApiToken(json.get("name").asText(), Role.of(json.get("role").asText()),
                instant(json.get("created")), instant(json.get("expires")), instant(json.get("revoked")));
    }

    private static Instant instant(JsonNode value) {
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
