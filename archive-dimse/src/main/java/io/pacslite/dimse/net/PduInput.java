package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import jdk.net.ExtendedSocketOptions;

/**
 * The reading side of an association's connection, requestor and acceptor alike: PDUs read
 * whole ({@link PduReader}), each wait bounded by the socket's read timeout, which is how the
 * upper layer runs its timers (ARTIM, PS3.8 section 9.1.5; the idle and the DIMSE response
 * timeouts).
 *
 * <p>Before each read from the socket it asks the kernel, where it can (Linux:
 * {@code TCP_QUICKACK}), to acknowledge what arrives at once rather than after the delayed-ACK
 * timer (RFC 1122 4.2.3.2, 40 ms on Linux). A peer that keeps Nagle's algorithm on (RFC 896; dcmtk's tools unless
 * {@code TCP_NODELAY=1}, and the modalities built on them) holds a short segment back until its
 * previous one is acknowledged: a C-STORE-RQ's data set after its command, a C-STORE-RSP's
 * second write. Each such wait would be a delayed ACK, 40 to 80 ms per instance
 * (docs/dimse-network.md, "Peers that keep Nagle's algorithm on"). The option does not stay set
 * in the kernel (it falls back to delayed ACKs once this side answers), hence once per read.
 */
final class PduInput {

    private final Socket socket;
    private final InputStream in;
    private final PduReader reader;

    /**
     * Reads from {@code socket}, connected, through a buffer of {@code bufferLength} bytes.
     *
     * @param maximumPduLength the longest PDU accepted; a longer one is an invalid PDU
     */
    PduInput(Socket socket, int bufferLength, long maximumPduLength) throws IOException {
        this.socket = socket;
        InputStream raw = socket.getInputStream();
        if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            raw = new QuickAckInputStream(socket, raw);
        }
        this.in = new BufferedInputStream(raw, bufferLength);
        this.reader = new PduReader(in, maximumPduLength);
    }

    /**
     * The next PDU, waiting at most {@code timeout} for each read.
     *
     * @return empty when the peer closed the connection between two PDUs
     * @throws SocketTimeoutException when {@code timeout} passed first, possibly inside a PDU
     * @throws io.pacslite.dimse.pdu.PduException for an invalid PDU, or a close inside one
     */
    Optional<Pdu> read(Duration timeout) throws IOException {
        socket.setSoTimeout(Timeouts.millis(timeout));
        return reader.read();
    }

    /**
     * Waits until the first byte of the next PDU is there or the connection closed or broke,
     * at most {@code limit}, looking every {@code poll} whether {@code stop} holds. Nothing is
     * consumed: the next {@link #read} sees the PDU, or the connection as it is.
     *
     * @return null when the next PDU can be read; else how long it waited: {@code limit}, or
     *     less once {@code stop} held
     */
    Duration awaitNext(Duration limit, Duration poll, BooleanSupplier stop) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!stop.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return limit;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(poll.toMillis(), Duration.ofNanos(left).toMillis())));
            in.mark(1);
            try {
                in.read();
                in.reset();
                return null;
            } catch (SocketTimeoutException e) {
                // nothing yet: look again whether to stop
            } catch (IOException e) {
                return null; // the next read sees the connection as it is
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Whether bytes of a further PDU have arrived and wait to be read. */
    boolean bytesWaiting() throws IOException {
        return in.available() > 0;
    }

    /**
     * Sta13, where nothing more the peer sends counts (or the bytes lost their PDU boundaries):
     * reads and discards until the peer closes the connection, waiting at most {@code timeout}
     * (ARTIM) for each read.
     *
     * @throws SocketTimeoutException when {@code timeout} passed first
     * @throws IOException when the connection broke
     */
    void discardUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout(Timeouts.millis(timeout));
        byte[] discarded = new byte[8192];
        while (in.read(discarded) >= 0) {
            // nothing in it counts
        }
    }

    /** The socket's input, with {@code TCP_QUICKACK} set before each read. */
    private static final class QuickAckInputStream extends FilterInputStream {

        private final Socket socket;

        QuickAckInputStream(Socket socket, InputStream in) {
            super(in);
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            return in.read(b, off, len);
        }
    }
}
