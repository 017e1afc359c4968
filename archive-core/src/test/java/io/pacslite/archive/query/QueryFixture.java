package io.pacslite.archive.query;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.testing.QueryStudies;
import java.io.ByteArrayInputStream;
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
 * The archive the query tests ask: {@link QueryStudies} (generated studies and files of
 * pydicom's corpus) stored through the one ingest path (Archive.store). The golden cases
 * (golden/*.txt) are written against exactly this content: see golden/README.md.
 *
 * <p>A JUnit extension: a test class that extends with it gets the {@link QueryEngine} of
 * this archive as a parameter (of its {@code @BeforeAll} method, say). The archive is built
 * once for all the classes, in a temp folder, and closed and removed after the last test.
 */
final class QueryFixture implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == QueryEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(QueryFixture.class))
                .getOrComputeIfAbsent(Shared.class, key -> Shared.open(), Shared.class).engine();
    }

    /** The archive shared by the test classes; the store closes it after the last of them. */
    private record Shared(Path root, Archive archive, QueryEngine engine) implements AutoCloseable {

        static Shared open() {
            try {
                Path root = Files.createTempDirectory("pacslite-query-");
                Archive archive = create(root);
                return new Shared(root, archive, new QueryEngine(archive.index()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            archive.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Opens an archive in {@code root} and stores the whole fixture into it. */
    private static Archive create(Path root) throws IOException {
        Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        for (byte[] file : QueryStudies.files()) {
            check(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("fixture")));
        }
        return archive;
    }

    private static void check(StoreResult result) {
        if (result.reason() != StoreReason.STORED) {
            throw new IllegalStateException("a fixture file was not stored: " + result);
        }
    }
}
