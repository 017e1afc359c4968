package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * The reading side of a connection against a peer that keeps Nagle's algorithm on, as dcmtk's
 * tools do by default: the peer writes each PDU in two parts and holds the second back until
 * the first is acknowledged. PduInput asks the kernel for immediate acknowledgements before each
 * read, so none of those acknowledgements waits for the delayed-ACK timer; the kernel's own
 * count of delayed ACKs ({@code DelayedACKs} in /proc/net/netstat, Linux) shows it.
 */
class PduInputTest {

    private static final int ROUNDS = 30;

    @Test
    void aPeerWithNagleOnDoesNotWaitForDelayedAcknowledgements() throws Exception {
        Path netstat = Path.of("/proc/net/netstat");
        assumeTrue(Files.isReadable(netstat), "the kernel's TCP counters are Linux's");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket peer = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            assumeTrue(accepted.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK),
                    "TCP_QUICKACK is Linux's");
            peer.setTcpNoDelay(false);
            accepted.setTcpNoDelay(true);
            PduInput input = new PduInput(accepted, 64 * 1024, 1 << 20);
            OutputStream toThisSide = peer.getOutputStream();
            InputStream fromThisSide = peer.getInputStream();
            byte[] request = PduCodec.encode(new ReleaseRq());
            byte[] answer = PduCodec.encode(new ReleaseRp());
            long delayedBefore = delayedAcks(netstat);

            for (int i = 0; i < ROUNDS; i++) {
                toThisSide.write(request, 0, 6);
                toThisSide.write(request, 6, request.length - 6);
                assertThat(input.read(Duration.ofSeconds(10))).containsInstanceOf(ReleaseRq.class);
                // Answering puts the kernel back into delayed-ACK mode for the next round.
                accepted.getOutputStream().write(answer);
                assertThat(fromThisSide.readNBytes(answer.length)).isEqualTo(answer);
            }

            // Each round waits for one delayed ACK without TCP_QUICKACK (30 measured); a few
            // may come from other connections of the machine in the same second.
            assertThat(delayedAcks(netstat) - delayedBefore).isLessThan(ROUNDS / 3);
        }
    }

    private static long delayedAcks(Path netstat) throws Exception {
        List<String> lines = Files.readAllLines(netstat);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            List<String> names = Arrays.asList(lines.get(i).split(" "));
            if (names.getFirst().equals("TcpExt:")) {
                return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("DelayedACKs")]);
            }
        }
        throw new IllegalStateException("no TcpExt DelayedACKs in " + netstat);
    }
}
