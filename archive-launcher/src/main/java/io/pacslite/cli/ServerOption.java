package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.cli.config.Configuration;
import java.io.IOException;
import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --url} option of the commands that ask a running server when it holds the archive. */
final class ServerOption {

    @Option(names = "--url", paramLabel = "URL",
            description = "The HTTP address of the pacslite serve that holds the archive, if one does."
                    + " Default: http://localhost:<http.port of the configuration>.")
    private URI url;

    /** A command's work on the archive it opened itself. */
    @FunctionalInterface
    interface OnArchive {
        int run(Archive archive) throws IOException;
    }

    /** A command's work through the server that holds the archive. */
    @FunctionalInterface
    interface ThroughServer {
        int run(RunningServer server) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code onArchive} on the archive of {@code config} (closed afterwards), or, when
     * another process holds it, {@code throughServer} with {@link #server}.
     *
     * @return the exit status of whichever ran
     */
    int openOrAsk(Configuration config, OnArchive onArchive, ThroughServer throughServer)
            throws IOException, InterruptedException {
        Archive opened;
        try {
            opened = ArchiveOptions.open(config);
        } catch (ArchiveInUseException inUse) {
            return throughServer.run(server(config));
        }
        try (opened) {
            return onArchive.run(opened);
        }
    }

    /** The server that may hold the archive of {@code config}: at {@code --url}, else on this machine's {@code http.port}. */
    RunningServer server(Configuration config) {
        return new RunningServer(url == null ? URI.create("http://localhost:" + config.httpPort()) : url,
                config.dataDirectory());
    }
}
