package io.pacslite.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code pacslite serve} that holds an archive, reached over HTTP. H2 in file mode lets one
 * process open the index, so a command that finds the archive in use asks the server instead
 * ({@code pacslite backup}, {@code pacslite token}). By default the server is on this machine
 * and lets loopback clients in without a token; when it does not ({@code http.open-loopback:
 * false}) or is reached at another address, the command sends the admin token in
 * {@value #TOKEN_VARIABLE} as a bearer token (docs/security.md).
 */
final class RunningServer {

    /** The environment variable holding the token commands send to the server, if any. */
    static final String TOKEN_VARIABLE = "PACSLITE_TOKEN";

    private final URI url;
    private final Path dataDirectory;

    /**
     * @param url the server's HTTP address
     * @param dataDirectory the archive it holds, for messages
     */
    RunningServer(URI url, Path dataDirectory) {
        this.url = url;
        this.dataDirectory = dataDirectory;
    }

    /** The server's address. */
    URI url() {
        return url;
    }

    /** A request to {@code path} on the server, with the token of {@value #TOKEN_VARIABLE} if set. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path));
        String token = System.getenv(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        return request;
    }

    /**
     * Sends a request.
     *
     * @throws IOException if no server answers, naming the archive and the address
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            return client.send(request, body);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IOException("the archive at " + dataDirectory + " is in use by another process, and no server"
                    + " answers at " + url + " (give the server's HTTP address with --url)", e);
        }
    }

    /** Says that the server refused: its status and reason, and what to do about a 401 or 403. */
    IOException refused(int status, String reason) {
        String hint = status == 401 || status == 403
                ? " (set " + TOKEN_VARIABLE + " to an admin token, docs/security.md)" : "";
        return new IOException("the server at " + url + " answered " + status + ": " + reason.strip() + hint);
    }
}
