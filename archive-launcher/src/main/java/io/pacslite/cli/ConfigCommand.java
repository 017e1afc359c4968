package io.pacslite.cli;

import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite config show|check}: the effective configuration and where each value came
 * from, or whether a configuration file is valid (docs/configuration.md).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective configuration, or check a configuration file.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class})
final class ConfigCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as YAML, each value with where it came from "
                    + "(default, the file, env PACSLITE_..., flag).")
    static final class Show implements Callable<Integer> {
        @Mixin
        private ArchiveOptions options;

        @Override
        public Integer call() throws ConfigException {
            Map<String, String> environment = System.getenv();
            String yaml = options.configuration(new GivenFlags()).toYaml();
            System.out.println("# configuration file: " + options.configFile(environment).map(Path::toString)
                    .orElse("none"));
            System.out.print(yaml);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a configuration file without starting: exit 0 if it is valid, else 2 and the reason.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
        private Path file;

        @Override
        public Integer call() throws ConfigException {
            ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
            System.out.println(file + ": valid");
            return 0;
        }
    }
}
