package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.ConfigLoader;
import io.pacslite.cli.config.Configuration;
import io.pacslite.cli.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that opens the archive shares: which configuration file, and the
 * archive's root folder. Every such command finds the archive the same way (docs/configuration.md).
 */
final class ArchiveOptions {

    /** The system property the launcher script sets to the installation's folder. */
    static final String HOME_PROPERTY = "pacslite.home";

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file. Default: $PACSLITE_CONFIG, else conf/pacslite.yaml of the "
                    + "installation if there is one, else none (built-in defaults).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The archive's root folder (files, index). Default: data-dir of the configuration "
                    + "($PACSLITE_DATA_DIR, the file), else ./data.")
    Path dataDir;

    /**
     * The effective configuration: the defaults, the file, the environment, then {@code flags}
     * (the command's other flags that were given) and {@code --data-dir}.
     */
    Configuration configuration(GivenFlags flags) throws ConfigException {
        Map<String, String> environment = System.getenv();
        return ConfigLoader.load(configFile(environment), environment,
                flags.put(Setting.DATA_DIR, dataDir).values());
    }

    /** The configuration file these options and {@code environment} name, if any. */
    Optional<Path> configFile(Map<String, String> environment) {
        String home = System.getProperty(HOME_PROPERTY);
        return ConfigLoader.locate(configFile, environment, home == null ? null : Path.of(home));
    }

    /** The archive's root folder of the effective configuration. */
    Path dataDirectory() throws ConfigException {
        return configuration(new GivenFlags()).dataDirectory();
    }

    /** The archive of the effective configuration, opened with its settings. */
    Archive open() throws IOException, ConfigException {
        return open(configuration(new GivenFlags()));
    }

    /** The archive of {@code configuration}, opened with its settings (duplicate policy, fsync...). */
    static Archive open(Configuration configuration) throws IOException {
        return Archive.open(configuration.dataDirectory(), configuration.archiveConfig());
    }
}
