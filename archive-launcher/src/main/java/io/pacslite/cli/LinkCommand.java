package io.pacslite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.cli.config.Configuration;
import io.pacslite.dicomweb.auth.LinkIssuer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite link create --study UID [--expires 1h]}: a signed viewer link, the URL that
 * opens one study in the viewer, read-only, until it expires (docs/security.md). Like
 * {@code pacslite token}, it signs the link itself when no server holds the archive (the URL
 * then names {@code --url}, or this machine's {@code http.port}), and asks the server's
 * {@code POST /api/links} when one does. Prints the URL on standard output. Exit 0 when done,
 * 1 when refused or failed, 2 for a study UID or lifetime that is not valid, or a study the
 * archive does not hold.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Make signed viewer links: URLs that open one study in the viewer, read-only, for a while.",
        subcommands = LinkCommand.Create.class)
final class LinkCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Print a URL that opens one study in the viewer until it expires.")
    static final class Create implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        private TokenCommand.Options options;

        @Option(names = "--study", required = true, paramLabel = "UID", description = "The Study Instance UID.")
        private String study;

        @Option(names = "--expires", paramLabel = "LIFETIME",
                description = "How long the link works: a number and m, h or d, at most http.link-max-lifetime."
                        + " Default: 1h.")
        private String expires;

        @Override
        public Integer call() throws Exception {
            Configuration config = options.archive().configuration(new GivenFlags());
            RunningServer server = options.server().server(config);
            try {
                Archive opened;
                try {
                    opened = ArchiveOptions.open(config);
                } catch (ArchiveInUseException inUse) {
                    print(ask(server));
                    return 0;
                }
                try (opened) {
                    ViewerLinks.Link link = new LinkIssuer(opened, config.dicomWebConfig().links()).create(study, expires);
                    print(new Made(LinkIssuer.viewerUrl(origin(server), link), link.expires()));
                }
                return 0;
            } catch (IllegalArgumentException | NoSuchElementException e) {
                System.err.println("pacslite link create: " + e.getMessage());
                return PacsLite.EXIT_BAD_INPUT;
            } catch (IOException e) {
                System.err.println("pacslite link create: " + e.getMessage());
                return 1;
            }
        }

        /** A link made: its URL and when it stops working. */
        private record Made(String url, Instant expires) {
        }

        private Made ask(RunningServer server) throws IOException, InterruptedException {
            var body = JSON.createObjectNode().put("study", study);
            if (expires != null) {
                body.put("expires", expires);
            }
            HttpResponse<String> response = server.send(server.request("/api/links")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 || response.statusCode() == 404) {
                throw new IllegalArgumentException(response.body().strip());
            }
            if (response.statusCode() != 201) {
                throw server.refused(response.statusCode(), response.body());
            }
            JsonNode made = JSON.readTree(response.body());
            return new Made(made.get("url").asText(), Instant.parse(made.get("expires").asText()));
        }

        private void print(Made made) {
            System.out.println(made.url());
            System.err.println("link to study " + study + ", read-only, expires " + made.expires()
                    + "; anyone with the URL can view the study until then");
        }

        /** The server's origin, without a trailing slash. */
        private static String origin(RunningServer server) {
            String url = server.url().toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
