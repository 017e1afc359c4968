package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that opens the archive shares. */
final class ArchiveOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PACSLITE_DATA_DIR:-pacslite-data}",
            description = "The archive's root folder (files, index). Default: $PACSLITE_DATA_DIR, else ./pacslite-data.")
    Path dataDir;

    Archive open() throws IOException {
        return Archive.open(dataDir, ArchiveConfig.DEFAULTS);
    }
}
