package io.pacslite.dimse.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a write to a peer may stay blocked. A peer that stops reading fills the TCP
 * buffers, and a blocking write then waits for ever, holding what its thread holds: for a
 * C-FIND, an index connection; for a C-MOVE, the retrieve. Java sockets have no write timeout,
 * so one daemon thread looks at the writes in progress every {@link #CHECK_EVERY} and closes
 * the socket of any that has run past its limit; the write then fails with a
 * {@link SocketTimeoutException} that says so. PS3.8 defines no such timer; it is the
 * counterpart, for sending, of the read timeouts of {@link Timeouts}.
 */
final class SendWatch {

    /** How often writes in progress are looked at: the limit is exceeded by at most this. */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(SendWatch.class);
    private static final Map<Socket, Long> DEADLINES = new ConcurrentHashMap<>();
    private static final Set<Socket> EXPIRED = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("dimse-send-watch").start(SendWatch::watch);
    }

    /** One blocking write to a socket. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private SendWatch() {
    }

    /**
     * Runs {@code write}, which writes to {@code socket}; if it is still blocked after {@code limit},
     * the socket is closed.
     *
     * @throws SocketTimeoutException if the peer took too long to take the bytes
     * @throws IOException as {@code write} throws it otherwise
     */
    static void write(Socket socket, Duration limit, Write write) throws IOException {
        DEADLINES.put(socket, System.nanoTime() + limit.toNanos());
        try {
            write.run();
        } catch (IOException e) {
            if (EXPIRED.remove(socket)) {
                throw new SocketTimeoutException("the peer took no data for " + limit.toSeconds() + " s");
            }
            throw e;
        } finally {
            DEADLINES.remove(socket);
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(CHECK_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            DEADLINES.forEach((socket, deadline) -> {
                if (now - deadline > 0 && DEADLINES.remove(socket, deadline)) {
                    expire(socket);
                }
            });
        }
    }

    private static void expire(Socket socket) {
        LOG.warn("{} takes no data: closing the connection", socket.getRemoteSocketAddress());
        EXPIRED.add(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", socket, e);
        }
    }
}
