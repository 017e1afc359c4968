package io.pacslite.cli;

import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.Configuration;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.RemoteAe;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite ae list|add|remove}: the archive's AE table, the Move Destinations C-MOVE
 * sends to ({@code <data-dir>/ae-table.txt}, one {@code AE_TITLE HOST PORT} a line). A running
 * {@code pacslite serve} reads it at each C-MOVE, so changes take effect at once. The
 * configuration's {@code dicom.move-destinations} are listed too; the file's entry wins.
 */
@Command(name = "ae", mixinStandardHelpOptions = true,
        description = "List, add or remove the AEs the archive sends C-MOVE results to (the AE table).",
        subcommands = {AeCommand.List.class, AeCommand.Add.class, AeCommand.Remove.class})
final class AeCommand {

    /** The AE table's file name under the archive's data folder. */
    static final String FILE_NAME = "ae-table.txt";

    /** The table of the archive {@code options} find, with the configured Move Destinations. */
    static AeTable table(ArchiveOptions options) throws ConfigException {
        Configuration configuration = options.configuration(new GivenFlags());
        return AeTable.at(configuration.dataDirectory().resolve(FILE_NAME), configuration.moveDestinations());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the AE table.")
    static final class List implements Callable<Integer> {
        @Mixin
        private ArchiveOptions options;

        @Override
        public Integer call() throws ConfigException {
            try {
                java.util.List<RemoteAe> entries = table(options).list();
                entries.forEach(ae -> System.out.printf("%-16s %s %d%s%n", ae.aeTitle(), ae.host(), ae.port(),
                        ae.tls() ? " tls" : ""));
                return 0;
            } catch (IOException e) {
                System.err.println("pacslite ae list: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an AE (or change the one with that title).")
    static final class Add implements Callable<Integer> {
        @Mixin
        private ArchiveOptions options;

        @Parameters(index = "0", paramLabel = "AE_TITLE", description = "The AE's title (the Move Destination).")
        private String aeTitle;

        @Parameters(index = "1", paramLabel = "HOST", description = "Its host name or address.")
        private String host;

        @Parameters(index = "2", paramLabel = "PORT", description = "Its DICOM port.")
        private int port;

        @Option(names = "--tls", description = "Reach it over DICOM TLS (PS3.15 B.9), with the archive's certificate "
                + "(tls.private-key, tls.certificate), checking its certificate by tls.client-ca (else the JVM's CAs).")
        private boolean tls;

        @Override
        public Integer call() throws ConfigException {
            RemoteAe ae;
            try {
                ae = new RemoteAe(host, port, aeTitle, tls);
            } catch (IllegalArgumentException e) {
                System.err.println("pacslite ae add: " + e.getMessage());
                return PacsLite.EXIT_BAD_INPUT;
            }
            try {
                table(options).add(ae);
                System.out.println("added " + ae);
                return 0;
            } catch (IOException e) {
                System.err.println("pacslite ae add: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an AE.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        private ArchiveOptions options;

        @Parameters(index = "0", paramLabel = "AE_TITLE", description = "The AE's title.")
        private String aeTitle;

        @Override
        public Integer call() throws ConfigException {
            try {
                if (!table(options).remove(aeTitle)) {
                    System.err.println("pacslite ae remove: no AE '" + aeTitle + "' in the table file"
                            + " (dicom.move-destinations entries are removed from the configuration)");
                    return 1;
                }
                System.out.println("removed " + aeTitle);
                return 0;
            } catch (IOException e) {
                System.err.println("pacslite ae remove: " + e.getMessage());
                return 1;
            }
        }
    }
}
