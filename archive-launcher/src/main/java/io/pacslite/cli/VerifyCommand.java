package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.maintenance.Verifier;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacslite verify [--repair]}: index and files agree. Exit 0 when they do (or were repaired), 1 otherwise. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that every index row has its file (size and SHA-256) and every file its row.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Option(names = "--repair", description = "Fix what differs: the files are the source of truth.")
    private boolean repair;

    @Override
    public Integer call() throws Exception {
        Verifier.Report report;
        try (Archive opened = archive.open()) {
            report = new Verifier(opened.blobs(), opened.index()).run(repair);
        }
        System.out.printf("checked %,d index rows and %,d files%n", report.rowsChecked(), report.filesChecked());
        print("rows whose file is missing", report.missingFiles(), repair ? "row deleted" : null);
        print("files whose size or SHA-256 differ from the index", report.changedFiles(), repair ? "row rewritten from the file" : null);
        print("files without an index row", report.unindexedFiles(), repair ? "indexed" : null);
        print("files that could not be indexed", report.unreadableFiles(), null);
        if (report.isClean()) {
            System.out.println("index and files agree");
            return 0;
        }
        return repair && report.unreadableFiles().isEmpty() ? 0 : 1;
    }

    private static void print(String what, List<String> items, String action) {
        if (items.isEmpty()) {
            return;
        }
        System.out.printf("%,d %s%s:%n", items.size(), what, action != null ? " (" + action + ")" : "");
        items.stream().limit(20).forEach(item -> System.out.println("  " + item));
        if (items.size() > 20) {
            System.out.printf("  ... and %,d more%n", items.size() - 20);
        }
    }
}
