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
 * QueryStudies}, and an empty second archive that its AE table names {@value
 * MoveDestination#AE_TITLE}, for C-MOVE (tests may add more destinations). A JUnit extension:
 * a test class extended with it gets the server, and the {@link MoveDestination}, as
 * parameters of its {@code @BeforeAll} method. They start once for all the classes and close
 * after the last.
 */
final class QueryServer implements ParameterResolver {

    /** The second archive, a Move Destination of the first. */
    record MoveDestination(ArchiveServer server) {
        static final String AE_TITLE = "DEST";
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ArchiveServer.class || type == MoveDestination.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared shared = context.getRoot().getStore(ExtensionContext.Namespace.create(QueryServer.class))
                .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
        return parameter.getParameter().getType() == ArchiveServer.class ? shared.server()
                : new MoveDestination(shared.destination());
    }

    /** The servers shared by the test classes; the store closes them after the last of them. */
    private record Shared(Path root, ArchiveServer server, ArchiveServer destination) implements AutoCloseable {

        static Shared start() {
            try {
                Path root = Files.createTempDirectory("pacslite-qr-");
                ArchiveServer destination = ArchiveServer.start(root.resolve("destination"));
                AeTable table = AeTable.at(root.resolve("ae-table.txt"));
                table.add(new RemoteAe("127.0.0.1", destination.port(), MoveDestination.AE_TITLE));
                return new Shared(root, ArchiveServer.start(root.resolve("archive"), table).withQueryStudies(),
                        destination);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            destination.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
