package io.pacslite.cli;

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
        System.exit(new CommandLine(new PacsLite()).execute(args));
    }
}
