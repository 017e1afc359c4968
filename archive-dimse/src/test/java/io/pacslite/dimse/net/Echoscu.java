package io.pacslite.dimse.net;

import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk's echoscu against a local port, bounded in time. */
final class Echoscu {

    private static final long WAIT_SECONDS = 30;

    record Result(int exitCode, String output) {
    }

    private Echoscu() {
    }

    /** echoscu -aet TESTSCU -aec {@code calledAeTitle} 127.0.0.1 {@code port}, plus {@code options}. */
    static Result run(int port, String calledAeTitle, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Dcmtk.require("echoscu").toString(),
                "-aet", "TESTSCU", "-aec", calledAeTitle, "-ta", "10", "-ts", "10", "-to", "10"));
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1", Integer.toString(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("echoscu did not finish within " + WAIT_SECONDS + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
