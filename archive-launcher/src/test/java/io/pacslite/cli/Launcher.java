package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the launcher scripts (bin/pacslite and the ones it calls) as processes, for the *IT tests. */
final class Launcher {

    private Launcher() {
    }

    /** Starts a command with this test's Java as JAVA_HOME (and {@code environment}), output and errors merged. */
    static Process start(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    static Process run(List<String> command) throws Exception {
        return run(command, Map.of(), 60);
    }

    /** Runs a command to its end, at most {@code seconds}. */
    static Process run(List<String> command, Map<String, String> environment, int seconds) throws Exception {
        Process process = start(command, environment);
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return process;
    }

    static String output(Process process) throws Exception {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Where bin/run-jar looks for the AOT cache of {@code jar} on this test's JDK. */
    static Path aotCache(Path jar) throws Exception {
        Process cksum = run(List.of("cksum", Path.of(System.getProperty("java.home"), "release").toString()));
        return jar.resolveSibling("pacslite.jdk-" + output(cksum).split(" ")[0] + ".aot");
    }
}
