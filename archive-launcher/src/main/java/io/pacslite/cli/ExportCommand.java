package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.export.Export;
import io.pacslite.archive.export.ExportException;
import io.pacslite.archive.export.FolderExport;
import io.pacslite.archive.export.ZipExport;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.cli.config.Configuration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite export --study UID (--zip F | --out DIR) [--dicomdir] [--ts UID | --anonymize PROFILE]}: a study
 * (or one series) written out as a ZIP file or a new folder, the stored files byte for byte or
 * transcoded, with a DICOMDIR if asked (the ZIP or folder is then a File-set, PS3.10 8). From
 * the archive itself ({@link Export}), or, while {@code pacslite serve} holds it, from that
 * server's ZIP download ({@link StudySource}). Nothing half-written is left: the ZIP is written
 * to a temp file and the folder to a hidden one, renamed at the end. Exit 0 when written, 1 when
 * the study is not there, an instance cannot be transcoded or the server refuses, 2 for bad
 * options (an invalid UID, a destination that exists).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a study (or series) from the archive as a ZIP file or a folder, optionally with a DICOMDIR.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    private StudyOptions uids;

    @ArgGroup(multiplicity = "1")
    private Destination destination;

    /** Exactly one of the two. */
    static final class Destination {
        @Option(names = "--zip", paramLabel = "F", description = "The ZIP file to write (must not exist).")
        Path zip;

        @Option(names = "--out", paramLabel = "DIR", description = "The folder to write (must not exist).")
        Path folder;
    }

    @Option(names = "--dicomdir", description = "Add a DICOMDIR and name the files by its File IDs"
            + " (DICOM/PAT00001/STU00001/SER00001/IMG00001).")
    private boolean dicomdir;

    @Option(names = "--ts", paramLabel = "UID", description = "Write every instance in this transfer syntax"
            + " (the ones pacslite transcode writes). Default: as stored.")
    private String transferSyntax;

    @Option(names = "--anonymize", paramLabel = "PROFILE", description = "Write a de-identified copy instead"
            + " (DICOM PS3.15 Basic Profile): basic, optionally with options of pacslite anonymize --option,"
            + " comma-separated (basic,retain-patient-characteristics). Not with --series or --ts.")
    private String anonymize;

    @Override
    public Integer call() throws Exception {
        Configuration config = uids.configuration();
        Path target = destination.zip != null ? destination.zip : destination.folder;
        String problem = problemWithOptions(target);
        if (problem != null) {
            System.err.println("pacslite export: " + problem);
            return PacsLite.EXIT_BAD_INPUT;
        }
        AnonymizedExport anonymized;
        try {
            anonymized = anonymize == null ? null : AnonymizedExport.of(anonymize);
        } catch (IllegalArgumentException e) {
            System.err.println("pacslite export: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        try (StudySource source = uids.open(config)) {
            int instances;
            if (anonymized != null) {
                Optional<Integer> written = anonymizedFrom(source, anonymized);
                if (written.isEmpty()) {
                    System.err.println("pacslite export: no study " + uids.study + " is stored");
                    return 1;
                }
                instances = written.get();
            } else {
                instances = source.archive() != null ? exportFrom(source) : downloadFrom(source);
            }
            System.out.printf("exported %,d instances of %s to %s (%s)%n", instances, uids.describe(), target,
                    Sizes.human(size(target)));
            return 0;
        } catch (ExportException | IOException e) {
            System.err.println("pacslite export: " + e.getMessage());
            return 1;
        }
    }

    /** What is wrong with the options, or null. */
    private String problemWithOptions(Path target) {
        String problem = uids.problem() != null ? uids.problem() : StudyOptions.problem("--ts", transferSyntax);
        if (problem != null) {
            return problem;
        }
        if (anonymize != null && (uids.series != null || transferSyntax != null)) {
            return "--anonymize copies a whole study as stored: not with --series or --ts";
        }
        return Files.exists(target) ? target + " exists; export writes a new " + (destination.zip != null ? "file"
                : "folder") : null;
    }

    /** Exports from the archive opened here; returns how many instances. */
    private int exportFrom(StudySource source) throws IOException, ExportException {
        Archive opened = source.archive();
        Export export = Export.of(opened.index(), opened.blobs(), uids.study, uids.series, dicomdir,
                transferSyntax);
        if (destination.zip != null) {
            writeZip(export, opened.blobs());
        } else {
            FolderExport.write(export, opened.blobs(), destination.folder);
        }
        source.recordExport("export", uids.study, uids.series);
        return export.members().size();
    }

    /**
     * Writes a de-identified copy from the archive opened here ({@link AnonymizedExport}); empty
     * if the study is not stored.
     *
     * @throws IOException also when a server holds the archive: the copy is not made over HTTP
     */
    private Optional<Integer> anonymizedFrom(StudySource source, AnonymizedExport anonymized) throws IOException {
        if (source.archive() == null) {
            throw new IOException("the archive is in use by pacslite serve, and --anonymize works on the archive"
                    + " itself; use POST /api/studies/{study}/anonymize there, then export the copy");
        }
        Optional<Integer> written = anonymized.write(source.archive(), uids.study, dicomdir, destination.zip,
                destination.folder);
        if (written.isPresent()) {
            source.archive().audit().record(new AuditEvent(Instant.now(), "pacslite export ("
                    + System.getProperty("user.name") + ")", null, "cli", AuditEvent.Action.ANONYMIZE, uids.study,
                    null, null, null, "OK: a de-identified copy written to " + (destination.zip != null
                            ? destination.zip : destination.folder)));
        }
        return written;
    }

    /** Exports through the running server's ZIP download; returns how many instances. */
    private int downloadFrom(StudySource source) throws IOException, InterruptedException {
        System.out.println("the archive is in use; downloading the study from the server at " + source.serverUrl());
        Path zip = tempFileBeside(destination.zip != null ? destination.zip : destination.folder);
        try {
            source.downloadZip(uids.study, uids.series, dicomdir, transferSyntax, zip);
            if (destination.zip != null) {
                Files.move(zip, destination.zip, StandardCopyOption.ATOMIC_MOVE);
                return countInstances(destination.zip);
            }
            return StudySource.unzip(zip, destination.folder) - (dicomdir ? 1 : 0);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** Writes the ZIP file through a temp file beside it, renamed into place when complete. */
    private void writeZip(Export export, FileSystemBlobStore blobs) throws IOException {
        Path temp = tempFileBeside(destination.zip);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                ZipExport.write(export, blobs, out);
            }
            Files.move(temp, destination.zip, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path tempFileBeside(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + "-", ".part");
    }

    /** The instances in a downloaded ZIP: its members but the DICOMDIR. */
    private static int countInstances(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return (int) file.stream().filter(entry -> !entry.getName().equals(Export.DICOMDIR)).count();
        }
    }

    /** The bytes of a file, or of the files under a folder. */
    private static long size(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return Files.size(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
