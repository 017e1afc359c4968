package io.pacslite.dimse.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The archive the Query/Retrieve tests ask: an {@link ArchiveServer} holding {@code
 * QueryStudies}, its AE table in its folder (empty at first: tests add the destinations they
 * need). A JUnit extension: a test class extended with it gets the server as a parameter of its
 * {@code @BeforeAll} method. It is filled once for all the classes and closed after the last.
 */
final class QueryServer implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ArchiveServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(QueryServer.class))
                .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class).server();
    }

    /** The server shared by the test classes; the store closes it after the last of them. */
    private record Shared(Path root, ArchiveServer server) implements AutoCloseable {

        static Shared start() {
            try {
                Path root = Files.createTempDirectory("pacslite-qr-");
                return new Shared(root, ArchiveServer.start(root.resolve("archive"),
                        AeTable.at(root.resolve("ae-table.txt"))).withQueryStudies());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
