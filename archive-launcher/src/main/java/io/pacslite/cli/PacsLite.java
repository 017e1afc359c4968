package io.pacslite.cli;

import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.index.IndexException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pacslite} command: one subcommand per task an operator runs. */
@Command(name = "pacslite", mixinStandardHelpOptions = true, version = "PACS-lite 0.1.0",
        description = "An embedded DICOM archive.",
        subcommands = {DumpCommand.class, ServeCommand.class, ImportCommand.class, StatsCommand.class, VerifyCommand.class,
            ReindexCommand.class, GenerateCommand.class, EchoCommand.class, StoreCommand.class,
            FindCommand.class, GetCommand.class, MoveCommand.class, AeCommand.class, RenderCommand.class,
            BackupCommand.class, RestoreCommand.class,
            CommandLine.HelpCommand.class})
public final class PacsLite {

    /** Exit status for input that could not be read (unreadable or invalid DICOM). */
    static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line. An archive that cannot be opened (in use by another process, an index
     * of a newer version or damaged) ends the command with status 1 and one line saying why,
     * instead of a stack trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new PacsLite()).setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof IndexException || e instanceof ArchiveInUseException)) {
                throw e;
            }
            System.err.println("pacslite " + command.getCommandName() + ": " + e.getMessage());
            return 1;
        });
    }
}
