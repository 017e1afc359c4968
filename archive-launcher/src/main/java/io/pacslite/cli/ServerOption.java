package io.pacslite.cli;

import io.pacslite.cli.config.Configuration;
import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --url} option of the commands that ask a running server when it holds the archive. */
final class ServerOption {

    @Option(names = "--url", paramLabel = "URL",
            description = "The HTTP address of the pacslite serve that holds the archive, if one does."
                    + " Default: http://localhost:<http.port of the configuration>.")
    private URI url;

    /** The server that may hold the archive of {@code config}: at {@code --url}, else on this machine's {@code http.port}. */
    RunningServer server(Configuration config) {
        return new RunningServer(url == null ? URI.create("http://localhost:" + config.httpPort()) : url,
                config.dataDirectory());
    }
}
