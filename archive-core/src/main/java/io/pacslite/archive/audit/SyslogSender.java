package io.pacslite.archive.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.pacslite.archive.tls.TlsClient;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the audit trail's events to an audit record repository (IHE ATNA) as syslog messages
 * (RFC 5424) holding a DICOM Audit Message ({@link AuditMessage}, PS3.15 A.5), over:
 *
 * <ul>
 *   <li>{@code udp://host:port} (RFC 5426): one message per datagram; port 514 by default;</li>
 *   <li>{@code tls://host:port} (RFC 5425): octet-counted frames over TLS, the archive's own
 *       certificate as the client certificate (PS3.15 B.9 node authentication); port 6514 by
 *       default;</li>
 *   <li>{@code tcp://host:port} (RFC 6587 octet counting): for a relay on the same machine.</li>
 * </ul>
 *
 * <p>Requests never wait for it: {@link #send} queues (at most {@value #CAPACITY} messages) and
 * one thread sends. The trail in the index and its daily files is the record; this is a copy, so
 * a full queue or an unreachable repository loses messages, counted and logged, rather than
 * slowing the archive. After a failure, messages are dropped for {@link #RETRY_AFTER} before the
 * repository is tried again.
 */
public final class SyslogSender implements Closeable {

    static final int CAPACITY = 10_000;
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** RFC 5424 6.2.1: facility 10, security/authorization messages; severity 5 notice, 4 warning. */
    private static final int AUTHPRIV = 10;
    private static final String APP_NAME = "pacslite";
    /** RFC 5424 6.2.7; the name IHE ITI-20 gives audit messages of the RFC 3881 lineage. */
    private static final String MSG_ID = "IHE+RFC-3881";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Logger LOG = LoggerFactory.getLogger(SyslogSender.class);

    /** The transports a target URI may name. */
    public enum Transport {
        UDP(514), TCP(514), TLS(6514);

        private final int defaultPort;

        Transport(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    /**
     * Where messages go.
     *
     * @param transport how
     * @param address the repository's host and port
     */
    public record Target(Transport transport, InetSocketAddress address) {

        /**
         * The target {@code uri} names: {@code udp://}, {@code tcp://} or {@code tls://} with a
         * host and an optional port.
         *
         * @throws IllegalArgumentException if it names none
         */
        public static Target of(String uri) {
            URI parsed;
            try {
                parsed = new URI(uri.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(uri + " is not a URI: " + e.getReason());
            }
            Transport transport;
            try {
                transport = Transport.valueOf(String.valueOf(parsed.getScheme()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(uri + ": the scheme is udp, tcp or tls");
            }
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException(uri + ": no host");
            }
            int port = parsed.getPort() < 0 ? transport.defaultPort : parsed.getPort();
            return new Target(transport, InetSocketAddress.createUnresolved(parsed.getHost(), port));
        }

        @Override
        public String toString() {
            return transport.name().toLowerCase(Locale.ROOT) + "://" + address.getHostString() + ":"
                    + address.getPort();
        }
    }

    private final Target target;
    private final String sourceId;
    private final TlsClient tls;
    private final String hostname;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Thread sender;
    private DatagramSocket datagrams;
    private Socket stream;
    private Instant failedAt;
    private volatile boolean closed;

    /**
     * Starts sending to {@code target}.
     *
     * @param sourceId the AuditSourceID of the messages: the archive's AE title
     * @param tls how to connect to a {@code tls://} target: with the archive's TLS identity; null
     *     otherwise
     * @throws IllegalArgumentException if a {@code tls://} target has no TLS identity
     */
    public SyslogSender(Target target, String sourceId, TlsClient tls) {
        if (target.transport() == Transport.TLS && tls == null) {
            throw new IllegalArgumentException(target + " needs the archive's TLS identity (tls.private-key, "
                    + "tls.certificate)");
        }
        this.target = target;
        this.sourceId = sourceId;
        this.tls = tls;
        this.hostname = hostname();
        this.sender = Thread.ofPlatform().name("audit-syslog").daemon().start(this::sendUntilClosed);
    }

    /** Queues {@code event}; if the queue is full, it is dropped and counted. */
    public void send(AuditEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** How many messages were sent, and how many lost. */
    public String counts() {
        return "sent " + sent.get() + ", lost " + dropped.get();
    }

    /** The syslog message (RFC 5424 section 6) that carries {@code event}. */
    byte[] message(AuditEvent event) {
        int severity = AuditMessage.outcomeIndicator(event) == 0 ? 5 : 4;
        String header = "<" + (AUTHPRIV * 8 + severity) + ">1 " + DateTimeFormatter.ISO_INSTANT.format(event.at())
                + " " + hostname + " " + APP_NAME + " " + ProcessHandle.current().pid() + " " + MSG_ID + " - ";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] xml = AuditMessage.xml(event, sourceId).getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + BOM.length + xml.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(BOM, 0, message, head.length, BOM.length);
        System.arraycopy(xml, 0, message, head.length + BOM.length, xml.length);
        return message;
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
        if (dropped.get() > 0) {
            LOG.warn("audit messages to {}: {}", target, counts());
        }
    }

    private void sendUntilClosed() {
        while (!closed || !queue.isEmpty()) {
            AuditEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event != null) {
                sendOne(event);
            }
        }
    }

    private void sendOne(AuditEvent event) {
        if (failedAt != null && Instant.now().isBefore(failedAt.plus(RETRY_AFTER))) {
            dropped.incrementAndGet();
            return;
        }
        try {
            write(message(event));
            failedAt = null;
            sent.incrementAndGet();
        } catch (IOException e) {
            failedAt = Instant.now();
            dropped.incrementAndGet();
            disconnect();
            LOG.warn("cannot send audit messages to {}: {}; trying again in {} s ({})", target, e.getMessage(),
                    RETRY_AFTER.toSeconds(), counts());
        }
    }

    private void write(byte[] message) throws IOException {
        InetSocketAddress address = new InetSocketAddress(target.address().getHostString(), target.address().getPort());
        if (target.transport() == Transport.UDP) {
            if (datagrams == null) {
                datagrams = new DatagramSocket();
            }
            datagrams.send(new DatagramPacket(message, message.length, address));
            return;
        }
        if (stream == null) {
            stream = connect(address);
        }
        OutputStream out = stream.getOutputStream();
        // RFC 5425 4.3, RFC 6587 3.4.1: MSG-LEN SP SYSLOG-MSG
        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.flush();
    }

    private Socket connect(InetSocketAddress address) throws IOException {
        int timeout = (int) Duration.ofSeconds(5).toMillis();
        if (target.transport() == Transport.TCP) {
            Socket socket = new Socket();
            socket.connect(address, timeout);
            return socket;
        }
        SSLSocket socket = tls.newSocket();
        socket.connect(address, timeout);
        socket.startHandshake();
        return socket;
    }

    private void disconnect() {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // closing a connection that failed
        }
        stream = null;
        if (datagrams != null) {
            datagrams.close();
            datagrams = null;
        }
    }

    /** RFC 5424 6.2.4: this machine's name, or "-". */
    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "-" : name;
        } catch (IOException e) {
            return "-";
        }
    }
}
