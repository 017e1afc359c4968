package io.pacslite.cli;

import static org.assertj.core.api.Assertions.fail;

import io.pacslite.testing.ProcessOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pacslite serve} as a real process on a free loopback port, for tests that talk to it
 * with real peers; plus running dcmtk's tools against it.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DIMSE (\\S+) on \\S+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP (http://\\S+)/");

    private final Process process;
    private final String startLine;
    private final String port;
    private final String httpUrl;

    /** @param startLine the line that says where the server listens */
    private ServeProcess(Process process, String startLine) {
        this.process = process;
        this.startLine = startLine;
        Matcher dimse = LISTENING.matcher(startLine);
        Matcher http = HTTP.matcher(startLine);
        this.port = dimse.find() ? dimse.group(2) : null;
        this.httpUrl = http.find() ? http.group(1) : null;
    }

    /** Starts {@code pacslite serve --data-dir DATA} on a JVM with {@code jvmOptions}, with {@code options} added. */
    static ServeProcess start(Path data, List<String> jvmOptions, String... options) throws IOException {
        return start(builder(data, jvmOptions, options).redirectErrorStream(true));
    }

    /**
     * Starts {@code pacslite serve --data-dir DATA} with {@code options} added and
     * {@code environment} added to its environment; what it logs (standard error) goes to {@code log}.
     */
    static ServeProcess start(Path data, Map<String, String> environment, Path log, String... options)
            throws IOException {
        ProcessBuilder builder = builder(data, List.of(), options).redirectError(log.toFile());
        builder.environment().putAll(environment);
        return start(builder);
    }

    private static ProcessBuilder builder(Path data, List<String> jvmOptions, String... options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PacsLite.class.getName(),
                "serve", "--data-dir", data.toString(), "--dicom-port", "0", "--http-port", "0", "--bind", "127.0.0.1"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command);
    }

    private static ServeProcess start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        try {
            return new ServeProcess(process, ProcessOutput.awaitLine(process, LISTENING));
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            return fail("the server ended before listening", e);
        } catch (IOException | RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The line that says where the server listens. */
    String startLine() {
        return startLine;
    }

    String port() {
        return port;
    }

    /** The DICOMweb server's URL ({@code http://127.0.0.1:<port>}). */
    String httpUrl() {
        return httpUrl;
    }

    /** Stops the server with SIGTERM and returns its exit status. */
    int stop() throws InterruptedException {
        signalStop();
        return awaitExit();
    }

    /** Sends SIGTERM and returns at once. */
    void signalStop() {
        process.destroy();
    }

    /** Waits (at most 60 s) for the server to end and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("the server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * Runs a dcmtk tool (with TCP_NODELAY, as dcmtk needs it for prompt round trips) and returns
     * its exit status.
     */
    static int dcmtk(long timeoutSeconds, String... command) throws Exception {
        TestPeers.require(Path.of("/usr/bin", command[0]));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail(command[0] + " did not finish within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }
}
