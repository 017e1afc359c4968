package io.pacslite.dimse.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/** Finds dcmtk tools for interop tests: skipped locally when missing, a failure on CI. */
public final class Dcmtk {

    private static final long WAIT_SECONDS = 60;

    private Dcmtk() {
    }

    /** What a dcmtk tool printed (stdout and stderr together) and its exit status. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs dcmtk's {@code tool} with {@code arguments} in {@code directory}, at most 60 s.
     * TCP_NODELAY=1 stops dcmtk waiting for delayed acknowledgements on every round trip.
     */
    public static Result run(Path directory, String tool, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require(tool).toString());
        command.addAll(arguments);
        Path log = Files.createTempFile(tool, ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Process process = builder.start();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(tool + " did not finish within " + WAIT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(log);
        }
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
