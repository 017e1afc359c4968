package io.pacslite.cli;

import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.index.IndexException;
import io.pacslite.cli.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pacslite} command: one subcommand per task an operator runs. */
@Command(name = "pacslite", mixinStandardHelpOptions = true, version = "PACS-lite 0.1.0",
        description = "An embedded DICOM archive.",
        subcommands = {DumpCommand.class, ServeCommand.class, ImportCommand.class, StatsCommand.class, VerifyCommand.class,
            ReindexCommand.class, GenerateCommand.class, EchoCommand.class, StoreCommand.class,
            FindCommand.class, GetCommand.class, MoveCommand.class, AeCommand.class, RenderCommand.class, TranscodeCommand.class,
            BackupCommand.class, RestoreCommand.class, ConfigCommand.class, TokenCommand.class, LinkCommand.class,
            AuditCommand.class, AnonymizeCommand.class, CorrectCommand.class, ExportCommand.class, SendCommand.class,
            CommandLine.HelpCommand.class})
public final class PacsLite {

    /** Exit status for input that could not be read (unreadable or invalid DICOM, an unusable configuration). */
    static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        if (ShortRunCompilation.wanted(args, System.getenv("PACSLITE_JIT"))) {
            ShortRunCompilation.start();
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line. Two kinds of failure end a command with one line instead of a stack
     * trace: an unusable configuration (docs/configuration.md), {@code pacslite serve:
     * conf/pacslite.yaml: dicom.port: 70000 is not a TCP port (0..65535)}, with exit status
     * {@value #EXIT_BAD_INPUT}; and an archive that cannot be opened (in use by another process,
     * an index of a newer version or damaged), with status 1.
     */
    static CommandLine commandLine() {
        return new CommandLine(new PacsLite()).setExecutionExceptionHandler((exception, command, parsed) -> {
            if (exception instanceof ConfigException) {
                System.err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (exception instanceof IndexException || exception instanceof ArchiveInUseException) {
                System.err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
    }
}
