package io.pacslite.dimse.net;

import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dcmtk's storescp as a witness of what storescu puts on the wire: bit-preserving ({@code +B},
 * each data set written exactly as received) and accepting every transfer syntax it knows
 * ({@code +xa}), on a free loopback port, into a folder emptied before each use.
 */
final class Storescp implements AutoCloseable {

    private static final long START_MILLIS = 10_000;

    private final Process process;
    private final int port;
    private final Path received;

    private Storescp(Process process, int port, Path received) {
        this.process = process;
        this.port = port;
        this.received = received;
    }

    /**
     * Starts storescp writing into {@code received} and waits until it listens. The port is
     * found free just before; should another process take it meanwhile, a new one is tried.
     */
    static Storescp start(Path received) throws IOException, InterruptedException {
        return start(received, "+xa");
    }

    /**
     * Starts storescp as {@link #start(Path)} does, accepting the transfer syntaxes
     * {@code acceptance} says ("+xa", or "-xf", a configuration file and a profile).
     */
    static Storescp start(Path received, String... acceptance) throws IOException, InterruptedException {
        IOException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Dcmtk.require("storescp").toString(), "+B"));
            command.addAll(List.of(acceptance));
            command.addAll(List.of("-od", received.toString(), Integer.toString(port)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("TCP_NODELAY", "1");
            Storescp storescp = new Storescp(builder.start(), port, received);
            try {
                storescp.awaitListening();
                return storescp;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw failure;
    }

    int port() {
        return port;
    }

    /** Empties the folder, for the next data set. */
    void clear() throws IOException {
        for (Path file : receivedFiles()) {
            Files.delete(file);
        }
    }

    /** The files storescp wrote since the last {@link #clear()}. */
    List<Path> receivedFiles() throws IOException {
        try (Stream<Path> files = Files.list(received)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                // Not another process on the port while ours failed to bind: a storescp that
                // cannot bind exits at once, so it must still be running a moment later.
                Thread.sleep(200);
                if (process.isAlive()) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("storescp did not listen on port " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
