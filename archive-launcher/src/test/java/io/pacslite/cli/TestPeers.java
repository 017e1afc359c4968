package io.pacslite.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** A TCP port that was free a moment ago, for a peer process to listen on. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
