package io.pacslite.cli;

import io.pacslite.cli.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pacslite} command: one subcommand per task an operator runs. */
@Command(name = "pacslite", mixinStandardHelpOptions = true, version = "PACS-lite 0.1.0",
        description = "An embedded DICOM archive.",
        subcommands = {DumpCommand.class, ServeCommand.class, ImportCommand.class, StatsCommand.class, VerifyCommand.class,
            ReindexCommand.class, GenerateCommand.class, EchoCommand.class, StoreCommand.class,
            FindCommand.class, GetCommand.class, MoveCommand.class, AeCommand.class, RenderCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class})
public final class PacsLite {

    /** Exit status for input that could not be read (unreadable or invalid DICOM, an unusable configuration). */
    static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, which reports an unusable configuration (docs/configuration.md) in one
     * line, {@code pacslite serve: conf/pacslite.yaml: dicom.port: 70000 is not a TCP port (0..65535)},
     * with exit status {@value #EXIT_BAD_INPUT}.
     */
    static CommandLine commandLine() {
        return new CommandLine(new PacsLite()).setExecutionExceptionHandler((exception, command, parsed) -> {
            if (!(exception instanceof ConfigException)) {
                throw exception;
            }
            System.err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            return EXIT_BAD_INPUT;
        });
    }
}
