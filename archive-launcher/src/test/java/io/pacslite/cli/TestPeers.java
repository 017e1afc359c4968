package io.pacslite.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real peers the SCU tests talk to, installed by bin/install-test-peers: missing means failed, not skipped. */
final class TestPeers {

    static final Path STORESCP = Path.of("/usr/bin/storescp");
    static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private TestPeers() {
    }

    /** {@code program}, failing the test with a clear message when it is not installed. */
    static Path require(Path program) {
        if (!Files.isExecutable(program)) {
            fail(program + " is not installed: run bin/install-test-peers (dcmtk, orthanc)");
        }
        return program;
    }

    /**
     * Starts dcmtk's storescp on {@code port} with {@code options}, writing what it receives into
     * {@code received} (one Part 10 file per instance, data sets as received), and waits until it
     * listens. The caller ends it.
     */
    static Process startStorescp(Path received, int port, String... options) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(require(STORESCP).toString(), "+B", "-od", received.toString()));
        command.addAll(List.of(options));
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TCP_NODELAY", "1");
        Process storescp = builder.start();
        awaitListening(port, storescp);
        return storescp;
    }

    /** Waits until {@code storescp} listens on {@code port} (and is still running, so not another process there). */
    private static void awaitListening(int port, Process storescp) throws InterruptedException {
        for (int i = 0; i < 500 && storescp.isAlive(); i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(200);
                if (storescp.isAlive()) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("storescp did not listen on " + port);
    }

    /** A TCP port that was free a moment ago, for a peer process to listen on. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
