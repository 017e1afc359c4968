package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.maintenance.Reindexer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pacslite reindex}: rebuild the index from the files. Exit 1 if a file could not be indexed. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the index from the stored files alone.")
final class ReindexCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Override
    public Integer call() throws Exception {
        Reindexer.Report report;
        try (Archive opened = archive.open()) {
            report = new Reindexer(opened.blobs(), opened.index()).run();
        }
        System.out.printf("indexed %,d instances from their files%n", report.indexed());
        if (!report.skipped().isEmpty()) {
            System.out.printf("%,d files skipped:%n", report.skipped().size());
            report.skipped().forEach(line -> System.out.println("  " + line));
            return 1;
        }
        return 0;
    }
}
