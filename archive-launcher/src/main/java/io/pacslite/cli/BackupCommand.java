package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.backup.Backup;
import io.pacslite.cli.config.Configuration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite backup DEST}: a consistent copy of the archive ({@link Backup}), also while
 * {@code pacslite serve} runs on it. H2 in file mode lets one process open the index, so when
 * a server holds the archive the index snapshot comes from it ({@code POST /api/backup} on its
 * HTTP port, from this machine, {@link RunningServer}); otherwise this command opens the archive
 * itself, which keeps a server from starting meanwhile. The files are read from the data folder either way.
 * Exit 0 when the backup is complete, 1 when it is refused or fails.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the archive (index snapshot, stored files, AE table) into a new folder,"
                + " also while pacslite serve runs.")
final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DEST", description = "A new or empty folder for the backup.")
    private Path destination;

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private ServerOption serverOption;

    /** The effective configuration, read once. */
    private Configuration config;

    @Option(names = "--copy",
            description = "Copy the stored files even when DEST is on the archive's file system (there they are hard-linked).")
    private boolean copy;

    @Override
    public Integer call() throws Exception {
        config = archive.configuration(new GivenFlags());
        Path dataDir = config.dataDirectory();
        if (!Files.isDirectory(dataDir.resolve("index"))) {
            System.err.println("pacslite backup: there is no archive in " + dataDir);
            return 1;
        }
        Backup.Report report;
        try {
            Backup.createFolder(destination);
            report = backUp(destination.resolve(Backup.INDEX_ZIP));
        } catch (IOException e) {
            System.err.println("pacslite backup: " + e.getMessage());
            return 1;
        }
        System.out.printf("backed up the index and %,d files (%s, %s) into %s%n", report.files(),
                Sizes.human(report.bytes()), report.linked() ? "hard-linked" : "copied", destination);
        if (!report.changed().isEmpty() || !report.gone().isEmpty()) {
            System.out.printf("while it ran, %,d files were replaced (their new bytes are in the backup) and %,d"
                    + " deleted (not in the backup); restore brings the index in line with them%n",
                    report.changed().size(), report.gone().size());
        }
        return 0;
    }

    private Backup.Report backUp(Path zip) throws IOException, InterruptedException {
        Archive opened;
        try {
            opened = ArchiveOptions.open(config);
        } catch (ArchiveInUseException inUse) {
            System.out.println("the archive is in use; taking the index snapshot from the server at "
                    + serverOption.server(config).url());
            snapshotFromServer(zip);
            return complete();
        }
        try (opened) {
            try (OutputStream out = Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW)) {
                opened.backupIndex(out);
            }
            return complete();
        }
    }

    private Backup.Report complete() throws IOException {
        return Backup.complete(config.dataDirectory(), destination, List.of(AeCommand.FILE_NAME), copy);
    }

    /** Asks the running server for the index snapshot ({@code POST /api/backup}) and saves it as {@code zip}. */
    private void snapshotFromServer(Path zip) throws IOException, InterruptedException {
        RunningServer server = serverOption.server(config);
        HttpResponse<Path> response = server.send(server.request("/api/backup")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofFile(zip));
        if (response.statusCode() != 200) {
            String reason = Files.readString(zip);
            Files.delete(zip);
            throw server.refused(response.statusCode(), reason);
        }
    }
}
