package io.pacslite.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * The independent DICOM implementations the tests compare against (dcmtk, pydicom, GDCM,
 * dicom3tools), all from Debian's packages ({@code bin/install-test-peers} installs them).
 *
 * <p>A test that needs a missing peer fails in CI (environment variable {@code CI=true}) and
 * is skipped, with the reason, on a developer's machine.
 */
public final class TestPeers {

    /** Debian's system Python, the one python3-pydicom is installed for. */
    public static final String PYTHON = "/usr/bin/python3";

    private TestPeers() {
    }

    /** Requires a program on the PATH (for example "dcmdump"). */
    public static void require(String program) {
        if (!onPath(program)) {
            missing(program + " is not on the PATH (run bin/install-test-peers)");
        }
    }

    /** Requires Debian's python3 with pydicom importable. */
    public static void requirePydicom() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            missing(PYTHON + " is missing (run bin/install-test-peers)");
        }
        try {
            Result result = run(List.of(PYTHON, "-c", "import pydicom"), null);
            if (result.exitCode() != 0) {
                missing("pydicom is not importable by " + PYTHON + " (run bin/install-test-peers): " + result.stderr());
            }
        } catch (IOException e) {
            missing("cannot run " + PYTHON + ": " + e.getMessage());
        }
    }

    /** The folder of pydicom's bundled data ({@code pydicom/data}: test_files, charset_files). */
    public static Path pydicomData() {
        requirePydicom();
        try {
            Result result = run(List.of(PYTHON, "-c",
                    "import os, pydicom; print(os.path.join(os.path.dirname(pydicom.__file__), 'data'))"), null);
            Path data = Path.of(result.stdout().strip());
            if (!Files.isDirectory(data.resolve("test_files"))) {
                missing("pydicom's test corpus is not at " + data);
            }
            return data;
        } catch (IOException e) {
            missing("cannot run " + PYTHON + ": " + e.getMessage());
            return null;
        }
    }

    /** Output of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs a command to completion (at most five minutes) and returns its output as UTF-8
     * (bytes that are not UTF-8 become U+FFFD).
     * {@code stdin} may be null.
     */
    public static Result run(List<String> command, byte[] stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        Path out = Files.createTempFile("peer-out", ".txt");
        Path err = Files.createTempFile("peer-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            // Decoded leniently: a peer may print raw bytes of a value it could not convert.
            return new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Fails the test in CI (CI=true), where every peer must be there; elsewhere aborts it with {@code why}. */
    public static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("test peer missing in CI: " + why);
        }
        // Outside CI a developer may lack a peer: report the test as aborted, with the reason.
        throw new TestAbortedException("test peer missing: " + why);
    }
}
