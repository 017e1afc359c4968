package io.pacslite.dimse.net;

import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.UserIdentities;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOM Upper Layer association acceptor over TCP (PS3.8 section 9): one platform thread
 * accepts connections, and each connection runs on its own virtual thread through the PS3.8
 * state machine. Sockets use TCP_NODELAY, so small DIMSE messages do not wait on delayed ACKs.
 */
public final class DimseServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DimseServer.class);
    private static final int BACKLOG = 64;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final ServerSocket serverSocket;
    private final AssociationSlots slots;
    private final DimseServices services;
    private final Timeouts timeouts;
    private final ExecutorService connections = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dimse-association-", 1).factory());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private DimseServer(ServerSocket serverSocket, AcceptancePolicy policy, UserIdentities identities,
            DimseServices services, Timeouts timeouts) {
        this.serverSocket = serverSocket;
        this.slots = new AssociationSlots(policy, identities);
        this.services = services;
        this.timeouts = timeouts;
        this.acceptor = Thread.ofPlatform().daemon().name("dimse-accept-" + serverSocket.getLocalPort())
                .unstarted(this::acceptLoop);
    }

    /**
     * Binds to {@code bind} (port 0 for any free port) and starts accepting associations,
     * without checking user identities.
     *
     * @throws IOException if the address cannot be bound
     */
    public static DimseServer start(InetSocketAddress bind, AcceptancePolicy policy, DimseServices services,
            Timeouts timeouts) throws IOException {
        return start(bind, policy, UserIdentities.none(), services, timeouts);
    }

    /**
     * Binds to {@code bind} (port 0 for any free port) and starts accepting associations, each
     * user identity (PS3.7 Annex D.3.3.7) checked by {@code identities}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static DimseServer start(InetSocketAddress bind, AcceptancePolicy policy, UserIdentities identities,
            DimseServices services, Timeouts timeouts) throws IOException {
        // A channel's adaptor: each connection accepted then has a SocketChannel (see PduOutput).
        return start(bind, policy, identities, services, timeouts, ServerSocketChannel.open().socket(), "");
    }

    /**
     * As {@link #start(InetSocketAddress, AcceptancePolicy, UserIdentities, DimseServices, Timeouts)},
     * over TLS (PS3.15 Annex B.9, the BCP 195 profile): each connection's handshake comes first,
     * within the ARTIM timeout; one that fails (a client without TLS, an unknown client
     * certificate) is closed and logged, and the server goes on.
     *
     * @throws IOException if the key or certificates cannot be read, or the address cannot be bound
     */
    public static DimseServer start(InetSocketAddress bind, AcceptancePolicy policy, UserIdentities identities,
            DimseServices services, Timeouts timeouts, TlsSettings tls) throws IOException {
        SSLContext context = tls.context();
        SSLServerSocket serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        serverSocket.setSSLParameters(tls.parameters(context));
        return start(bind, policy, identities, services, timeouts, serverSocket, " TLS");
    }

    private static DimseServer start(InetSocketAddress bind, AcceptancePolicy policy, UserIdentities identities,
            DimseServices services, Timeouts timeouts, ServerSocket serverSocket, String kind) throws IOException {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(timeouts, "timeouts");
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(bind, BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        DimseServer server = new DimseServer(serverSocket, policy, identities, services, timeouts);
        server.acceptor.start();
        LOG.info("accepting DICOM{} associations for {} on {}", kind, policy.aeTitle(),
                serverSocket.getLocalSocketAddress());
        LOG.info("{}; {}", policy.aeRules().posture(), identities.posture());
        return server;
    }

    /** The port listened on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** How many associations are established now (accepted and not yet ended). */
    public int activeAssociations() {
        return slots.active();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("accepting connections failed; no more associations", e);
                }
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                open.add(socket);
                connections.execute(() -> {
                    try {
                        if (handshaken(socket)) {
                            new AcceptorAssociation(socket, slots, services, timeouts, () -> closed).run();
                        }
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (IOException | RuntimeException e) {
                // RejectedExecutionException once close() has begun
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    /** Completes the TLS handshake of {@code socket}, if it is a TLS one; false (and closed) if that fails. */
    private boolean handshaken(Socket socket) {
        if (!(socket instanceof SSLSocket tls)) {
            return true;
        }
        try {
            tls.setSoTimeout((int) timeouts.artim().toMillis());
            tls.startHandshake();
            return true;
        } catch (IOException e) {
            LOG.warn("TLS handshake with {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(socket);
            return false;
        }
    }

    /** Stops at once: stops accepting, closes every open connection and waits up to two seconds for their threads. */
    @Override
    public void close() throws IOException {
        close(Duration.ZERO);
    }

    /**
     * Stops gracefully: stops accepting, lets each association finish the message it is
     * serving (a C-STORE's data set is received, stored and answered) and then aborts it
     * between messages, waits up to {@code grace} for that, and only then closes the
     * connections still open. An association aborted so has acknowledged only what is stored.
     */
    public void close(Duration grace) throws IOException {
        closed = true;
        serverSocket.close();
        connections.shutdown();
        try {
            acceptor.join(CLOSE_WAIT_MILLIS);
            if (!grace.isZero() && !connections.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} associations still running {} after the stop; closing their connections",
                        open.size(), grace);
            }
            open.forEach(DimseServer::closeQuietly);
            if (!connections.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("associations still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", socket, e);
        }
    }
}
