package io.pacslite.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading a started process's output, for tests that wait for a server or browser to say where it listens. */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /**
     * Reads the process's output until a line matches {@code pattern} and returns that line;
     * the rest of the output is drained on a virtual thread so the process never blocks on a
     * full pipe.
     *
     * @throws IllegalStateException if the output ends first, with every line seen
     */
    public static String awaitLine(Process process, Pattern pattern) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.add(line);
            if (pattern.matcher(line).find()) {
                Thread.ofVirtual().start(() -> {
                    try {
                        lines.lines().forEach(ignored -> { });
                    } catch (UncheckedIOException closed) {
                        // the stream is closed once the process has ended and been reaped
                    }
                });
                return line;
            }
        }
        throw new IllegalStateException("the process ended before printing /" + pattern + "/: " + seen);
    }
}
