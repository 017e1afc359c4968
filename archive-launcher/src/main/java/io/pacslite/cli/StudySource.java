package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.export.FolderExport;
import io.pacslite.cli.config.Configuration;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where {@code pacslite export} and {@code pacslite send} get a study from: the archive, opened
 * by this command, or, when a {@code pacslite serve} holds it (H2 in file mode lets one process
 * open the index), that server, which hands the study over as a ZIP (WADO-RS with
 * {@code Accept: application/zip}, docs/dicomweb.md) through {@link RunningServer}.
 */
final class StudySource implements Closeable {

    private final Archive archive;
    private final RunningServer server;

    private StudySource(Archive archive, RunningServer server) {
        this.archive = archive;
        this.server = server;
    }

    /**
     * The archive of {@code config}, opened, or the server that holds it.
     *
     * @throws NoSuchFileException if there is no archive there
     */
    static StudySource open(Configuration config, ServerOption serverOption) throws IOException {
        if (!Files.isDirectory(config.dataDirectory().resolve("index"))) {
            throw new NoSuchFileException(config.dataDirectory().toString(), null, "there is no archive there");
        }
        try {
            return new StudySource(ArchiveOptions.open(config), null);
        } catch (ArchiveInUseException inUse) {
            return new StudySource(null, serverOption.server(config));
        }
    }

    /** The archive opened here, or null when a server holds it. */
    Archive archive() {
        return archive;
    }

    /** The server's address, for messages; null when the archive is opened here. */
    String serverUrl() {
        return server == null ? null : server.url().toString();
    }

    /**
     * Records that a study (or series) left the archive opened here, in its audit trail (a
     * server records its own downloads).
     */
    void recordExport(String command, String study, String series) {
        archive.audit().record(new AuditEvent(Instant.now(), "pacslite " + command + " (" + System.getProperty(
                "user.name") + ")", null, null, AuditEvent.Action.EXPORT, study, series, null, null, "OK"));
    }

    /**
     * Saves the server's ZIP of a study (or series) as {@code zip}.
     *
     * @param transferSyntax the syntax to have the instances in, or null for the stored ones
     * @throws IOException if the server refuses, with its status and reason
     */
    void downloadZip(String study, String series, boolean dicomdir, String transferSyntax, Path zip)
            throws IOException, InterruptedException {
        String path = "/dicom-web/studies/" + study + (series == null ? "" : "/series/" + series)
                + (dicomdir ? "?dicomdir=true" : "");
        String accept = "application/zip" + (transferSyntax == null ? "" : "; transfer-syntax=" + transferSyntax);
        HttpResponse<Path> response = server.send(server.request(path).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofFile(zip));
        if (response.statusCode() != 200) {
            String reason = Files.readString(zip);
            Files.delete(zip);
            throw server.refused(response.statusCode(), reason);
        }
    }

    /**
     * Unpacks a ZIP into the new folder {@code destination}, through a hidden sibling folder
     * renamed at the end ({@link FolderExport#createSibling}).
     *
     * @return how many members it held
     * @throws IOException if a member's name would leave the folder
     */
    static int unzip(Path zip, Path destination) throws IOException {
        Path temp = FolderExport.createSibling(destination);
        int members = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = temp.resolve(entry.getName()).normalize();
                if (!file.startsWith(temp) || entry.isDirectory()) {
                    throw new IOException("the ZIP holds an unexpected member: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
                members++;
            }
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
            return members;
        } finally {
            FolderExport.deleteTree(temp);
        }
    }

    @Override
    public void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }
}
