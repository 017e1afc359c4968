package io.pacslite.dimse.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.TestAbortedException;

/** Finds dcmtk tools for interop tests: skipped locally when missing, a failure on CI. */
public final class Dcmtk {

    private Dcmtk() {
    }

    /** The path of dcmtk's {@code tool}; aborts the test (or fails it when {@code CI=true}) if absent. */
    public static Path require(String tool) {
        Path path = Path.of("/usr/bin", tool);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = "dcmtk's " + tool + " is not installed at " + path + " (apt-get install dcmtk)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        throw new TestAbortedException(message);
    }
}
