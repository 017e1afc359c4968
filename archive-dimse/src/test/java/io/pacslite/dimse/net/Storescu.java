package io.pacslite.dimse.net;

import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk's storescu against a local port, bounded in time. */
final class Storescu {

    private static final long WAIT_SECONDS = 60;

    record Result(int exitCode, String output) {
    }

    private Storescu() {
    }

    /**
     * storescu -aet TESTSCU -aec PACSLITE {@code options} 127.0.0.1 {@code port} {@code files}.
     * TCP_NODELAY=1 stops dcmtk waiting for delayed acknowledgements on every round trip.
     */
    static Result run(int port, List<String> options, Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Dcmtk.require("storescu").toString(), "-v",
                "-aet", "TESTSCU", "-aec", "PACSLITE", "-ta", "10", "-td", "10", "-to", "10"));
        command.addAll(options);
        command.addAll(List.of("127.0.0.1", Integer.toString(port)));
        for (Path file : files) {
            command.add(file.toString());
        }
        Path log = Files.createTempFile("storescu", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Process process = builder.start();
            return finish(process, log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Result finish(Process process, Path log) throws IOException, InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("storescu did not finish within " + WAIT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
