package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ingest.StoreReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite import PATH...}: stores files, folders and ZIP archives through the same
 * ingest path as C-STORE and STOW-RS, with a progress bar and a summary. Exit 0 if every
 * DICOM file was stored (duplicates included), 1 if some failed, 2 if a path does not exist.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import DICOM files, folders (recursively) and ZIP archives into the archive.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or .zip archives.")
    private List<Path> paths;

    @Option(names = "--threads", paramLabel = "N", description = "Instances stored at once (default: 2 per core).")
    private int threads = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when the output is a terminal).")
    private Boolean progress;

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try {
            files = Importer.filesUnder(paths);
        } catch (java.io.IOException e) {
            System.err.println("pacslite import: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        Instant started = Instant.now();
        Importer importer;
        try (Archive opened = archive.open()) {
            importer = new Importer(opened, Math.max(1, threads));
            Importer running = importer;
            new ProgressBar(importer.filesDone, importer.instances, importer.bytes, files.size(), totalBytes, started)
                    .showWhile(ProgressBar.wanted(progress), () -> running.importFiles(files));
            opened.index().logUpload(started, Instant.now(), "cli:import", (int) importer.count(StoreReason.STORED),
                    (int) (importer.instances.get() - importer.count(StoreReason.STORED)), (int) importer.failed.get(),
                    importer.failed.get() == 0 ? "ok" : importer.failed.get() + " failed");
        }
        printSummary(importer, Duration.between(started, Instant.now()));
        return importer.failed.get() == 0 ? 0 : 1;
    }

    private static void printSummary(Importer importer, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        System.out.printf("imported in %.1f s (%,.0f instances/s, %s/s)%n", seconds, importer.instances.get() / seconds,
                Sizes.human(importer.bytes.get() / seconds));
        System.out.printf("  stored          %,8d%n", importer.count(StoreReason.STORED));
        System.out.printf("  already stored  %,8d  (identical)%n", importer.count(StoreReason.ALREADY_STORED));
        System.out.printf("  duplicates      %,8d  (same SOP Instance UID, other content: the first is kept)%n",
                importer.count(StoreReason.DUPLICATE_KEPT_FIRST));
        System.out.printf("  failed          %,8d%n", importer.failed.get());
        System.out.printf("  not DICOM       %,8d  (skipped)%n", importer.skipped.get());
        if (!importer.failures().isEmpty()) {
            System.out.println("failures:");
            importer.failures().forEach(line -> System.out.println("  " + line));
            if (importer.failed.get() > importer.failures().size()) {
                System.out.printf("  ... and %,d more%n", importer.failed.get() - importer.failures().size());
            }
        }
    }
}
