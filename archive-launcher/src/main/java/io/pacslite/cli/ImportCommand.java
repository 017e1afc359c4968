package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.imports.Import;
import io.pacslite.archive.imports.ImportLimits;
import io.pacslite.archive.imports.ImportReport;
import io.pacslite.archive.imports.Imports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite import PATH...}: stores files, folders and ZIP archives through the same
 * ingest path as C-STORE and STOW-RS ({@link Imports}, the engine the HTTP import shares), with
 * a progress bar and a summary: what was stored, the studies, each DICOMDIR's check, the files
 * kept as attachments, the failures. Exit 0 if every DICOM file was stored (duplicates
 * included), 1 if some failed or an archive was refused or truncated, 2 if a path does not exist.
 * When a running {@code pacslite serve} holds the archive, the paths go to its
 * {@code POST /api/imports} instead ({@link ServerImport}; {@code --url}, and
 * {@code PACSLITE_TOKEN} when it wants a token).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import DICOM files, folders (recursively) and ZIP archives into the archive.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private ServerOption server;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or .zip archives.")
    private List<Path> paths;

    @Option(names = "--threads", paramLabel = "N", description = "Instances stored at once (default: 2 per core).")
    private int threads = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when the output is a terminal).")
    private Boolean progress;

    @Override
    public Integer call() throws Exception {
        long totalBytes = 0;
        long totalFiles = 0;
        for (Path path : paths) {
            if (!Files.exists(path)) {
                System.err.println("pacslite import: no such file or folder: " + path);
                return PacsLite.EXIT_BAD_INPUT;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    totalBytes += Files.size(file);
                    totalFiles++;
                }
            }
        }
        Instant started = Instant.now();
        ImportReport report;
        Archive opened;
        try {
            opened = archive.open();
        } catch (ArchiveInUseException inUse) {
            return viaServer(started);
        }
        try (opened) {
            Import running = new Imports(opened, ImportLimits.DEFAULTS.withThreads(Math.max(1, threads)))
                    .start("cli:import");
            running.expectBytes(totalBytes);
            new ProgressBar(running::inputsDone, running::instances, running::bytesReceived, totalFiles, totalBytes,
                    started).showWhile(ProgressBar.wanted(progress), () -> {
                        for (Path path : paths) {
                            running.addPath(path);
                        }
                        running.finish();
                    });
            report = running.report();
            opened.index().logUpload(started, Instant.now(), "cli:import", (int) report.stored(),
                    (int) (report.alreadyStored() + report.duplicates()), (int) report.failed(),
                    report.failure() != null ? report.failure() : report.failed() == 0 ? "ok"
                            : report.failed() + " failed");
        }
        printSummary(report, Duration.between(started, Instant.now()));
        return report.failed() == 0 && report.failure() == null ? 0 : 1;
    }

    /**
     * The archive is held by a running {@code pacslite serve}: each path goes to its
     * {@code POST /api/imports}, and each report is printed.
     */
    private int viaServer(Instant started) throws Exception {
        RunningServer running = server.server(archive.configuration(new GivenFlags()));
        ServerImport imports = new ServerImport(running);
        boolean ok = true;
        for (Path path : paths) {
            System.out.println("importing " + path + " through the server at " + running.url()
                    + " (it holds the archive)");
            Instant sent = Instant.now();
            ImportReport report;
            try {
                report = imports.send(path);
            } catch (java.io.IOException e) {
                System.err.println("pacslite import: " + e.getMessage());
                return 1;
            }
            printSummary(report, Duration.between(sent, Instant.now()));
            ok &= report.failed() == 0 && report.failure() == null;
        }
        return ok ? 0 : 1;
    }

    private static void printSummary(ImportReport report, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        System.out.printf("imported in %.1f s (%,.0f instances/s, %s/s)%n", seconds, report.instances() / seconds,
                Sizes.human(report.bytesReceived() / seconds));
        System.out.printf("  stored          %,8d%n", report.stored());
        System.out.printf("  already stored  %,8d  (identical)%n", report.alreadyStored());
        System.out.printf("  duplicates      %,8d  (same SOP Instance UID, other content: the first is kept)%n",
                report.duplicates());
        System.out.printf("  failed          %,8d%n", report.failed());
        long kept = report.attachments().stream().filter(a -> a.notKept() == null).count();
        System.out.printf("  not DICOM       %,8d  (%s)%n", report.notDicom(),
                kept == 0 ? "skipped" : "kept as attachments: " + kept);
        if (report.skipped() > 0) {
            System.out.printf("  skipped         %,8d  (__MACOSX, .DS_Store, Thumbs.db, empty ZIPs)%n", report.skipped());
        }
        for (ImportReport.Study study : report.studies()) {
            System.out.printf("  study %s: %,d instances%n", study.studyInstanceUID(), study.instances());
        }
        for (ImportReport.DirectoryCheck check : report.directories()) {
            System.out.printf("DICOMDIR %s: %,d files listed, %,d missing, %,d not matching%n", check.member(),
                    check.references(), check.missing().size(), check.mismatched().size());
            check.missing().forEach(member -> System.out.println("  missing: " + member));
            check.mismatched().forEach(m -> System.out.println("  not matching: " + m.member() + ": " + m.reason()));
        }
        report.attachments().stream().filter(a -> a.notKept() != null)
                .forEach(a -> System.out.println("attachment " + a.name() + ": " + a.notKept()));
        if (report.failure() != null) {
            System.out.println("import failed: " + report.failure());
        }
        if (!report.failures().isEmpty()) {
            System.out.println("failures:");
            report.failures().forEach(f -> System.out.println("  " + f.member() + ": " + f.reason()));
            if (report.failuresOmitted() > 0) {
                System.out.printf("  ... and %,d more%n", report.failuresOmitted());
            }
        }
    }
}
