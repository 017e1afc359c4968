package io.pacslite.cli;

import io.pacslite.archive.backup.BackupException;
import io.pacslite.archive.backup.Restore;
import io.pacslite.archive.maintenance.Verifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite restore SRC --data-dir NEW}: a new archive root from a backup ({@link Restore}).
 * Exit 0 when restored, 1 when refused (the target is not empty, the backup is incomplete or a
 * file differs from its manifest; the reason names it).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Build a new archive root (--data-dir, new or empty) from a backup made by pacslite backup,"
                + " checking every file against the backup's manifest.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SRC", description = "The backup folder.")
    private Path source;

    @Mixin
    private ArchiveOptions archive;

    @Override
    public Integer call() throws Exception {
        Path target = archive.dataDirectory();
        Restore.Report report;
        try {
            report = Restore.run(source, target);
        } catch (BackupException e) {
            System.err.println("pacslite restore: refused: " + e.getMessage());
            return 1;
        }
        System.out.printf("restored %,d files (%s) from %s into %s, checked against the manifest%n", report.files(),
                Sizes.human(report.bytes()), source, target);
        Verifier.Report reconciled = report.reconciled();
        if (!reconciled.isClean()) {
            System.out.printf("the index was brought in line with the files changed while the backup ran: %,d rows"
                    + " deleted, %,d rewritten, %,d files indexed%n", reconciled.missingFiles().size(),
                    reconciled.changedFiles().size(), reconciled.unindexedFiles().size());
        }
        if (!reconciled.unreadableFiles().isEmpty()) {
            System.err.println("pacslite restore: files that could not be indexed: " + reconciled.unreadableFiles());
            return 1;
        }
        return 0;
    }
}
