package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveInUseException;
import io.pacslite.archive.access.ApiToken;
import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.Lifetimes;
import io.pacslite.archive.access.Role;
import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.Configuration;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite token create|list|revoke}: the API tokens DICOMweb clients send as
 * {@code Authorization: Bearer} (docs/security.md). When no server holds the archive, the
 * command opens it and changes the index itself; when {@code pacslite serve} holds it, the
 * command asks the server ({@code /api/tokens} on its HTTP port, {@link RunningServer}), so a
 * revocation takes effect with the server's next request. Exit 0 when done, 1 when refused or
 * failed, 2 for a name, role or expiry that is not valid.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list or revoke the API tokens DICOMweb clients authenticate with.",
        subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand {

    /** What every token and link subcommand shares: which archive, and the server that may hold it. */
    static final class Options {
        @Mixin
        private ArchiveOptions archive;

        @Mixin
        private ServerOption server;

        ArchiveOptions archive() {
            return archive;
        }

        ServerOption server() {
            return server;
        }
    }

    /** A subcommand's work on the tokens, wherever they are kept. */
    @FunctionalInterface
    private interface Work {
        void run(TokenStore tokens) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} on the archive's tokens: opened here, or through the server that holds
     * the archive. Prints a failure as one line starting with {@code command}.
     */
    private static int run(Options options, String command, Work work) throws ConfigException, IOException,
            InterruptedException {
        Configuration config = options.archive.configuration(new GivenFlags());
        try {
            Archive opened;
            try {
                opened = ArchiveOptions.open(config);
            } catch (ArchiveInUseException inUse) {
                work.run(new ServerTokenStore(options.server.server(config)));
                return 0;
            }
            try (opened) {
                work.run(TokenStore.of(opened.apiTokens()));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(command + ": " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println(command + ": " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it; it is shown this once, and only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Mixin
        private Options options;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "What the token is for (letters, digits, '.', '_', '-'); never reused.")
        private String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (search and retrieve), uploader (also store) or admin (everything).")
        private String role;

        @Option(names = "--expires", paramLabel = "LIFETIME",
                description = "How long it works: a number and m, h or d (30d). Default: until revoked.")
        private String expires;

        @Override
        public Integer call() throws Exception {
            Role parsedRole;
            Instant expiry;
            try {
                parsedRole = Role.of(role);
                expiry = expires == null ? null
                        : Instant.now().plus(Lifetimes.parse(expires)).truncatedTo(ChronoUnit.SECONDS);
            } catch (IllegalArgumentException e) {
                System.err.println("pacslite token create: " + e.getMessage());
                return PacsLite.EXIT_BAD_INPUT;
            }
            return run(options, "pacslite token create", tokens -> {
                ApiTokens.Created created = tokens.create(name, parsedRole, expiry);
                System.out.println(created.secret());
                System.err.println("created token " + name + " (" + parsedRole.label() + ", "
                        + (expiry == null ? "does not expire" : "expires " + expiry)
                        + "); it is not shown again: send it as Authorization: Bearer <token>");
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the tokens: name, role, created, expires, revoked (never the tokens).")
    static final class List implements Callable<Integer> {
        @Mixin
        private Options options;

        @Override
        public Integer call() throws Exception {
            return run(options, "pacslite token list", tokens -> {
                System.out.printf("%-24s %-8s %-20s %-20s %s%n", "NAME", "ROLE", "CREATED", "EXPIRES", "REVOKED");
                for (ApiToken token : tokens.list()) {
                    System.out.printf("%-24s %-8s %-20s %-20s %s%n", token.name(), token.role().label(),
                            token.created(), orDash(token.expires()), orDash(token.revoked()));
                }
            });
        }

        private static String orDash(Instant instant) {
            return instant == null ? "-" : instant.toString();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: it is refused from the next request on.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        private Options options;

        @Parameters(paramLabel = "NAME", description = "The token's name.")
        private String name;

        @Override
        public Integer call() throws Exception {
            return run(options, "pacslite token revoke", tokens -> {
                if (!tokens.revoke(name)) {
                    throw new IOException("no token named " + name + " that is not revoked already");
                }
                System.out.println("revoked " + name);
            });
        }
    }
}
