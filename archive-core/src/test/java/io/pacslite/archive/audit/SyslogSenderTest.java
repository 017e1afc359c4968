package io.pacslite.archive.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.archive.audit.SyslogSender.Target;
import io.pacslite.archive.index.Index;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The audit trail's copy to an audit record repository: RFC 5424 syslog messages carrying DICOM
 * Audit Messages (PS3.15 A.5), received by a real UDP socket and a real TLS server that checks the
 * archive's client certificate.
 */
class SyslogSenderTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.7";
    /** RFC 5424 6: PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD SP, then a BOM. */
    private static final Pattern HEADER = Pattern.compile(
            "<(\\d+)>1 (\\S+Z) (\\S+) pacslite (\\d+) IHE\\+RFC-3881 - \uFEFF(<\\?xml.*)", Pattern.DOTALL);

    @TempDir
    Path dir;
    private Index index;

    @BeforeEach
    void openIndex() {
        index = Index.open(dir.resolve("index"));
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void sendsEachWrittenEventAsAnAuditMessageOverUdp() throws Exception {
        try (DatagramSocket repository = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            repository.setSoTimeout(10_000);
            try (AuditTrail trail = trail()) {
                trail.alsoSendTo(new SyslogSender(Target.of("udp://127.0.0.1:" + repository.getLocalPort()),
                        "PACSLITE", null));
                trail.record(new AuditEvent(Instant.now(), "CT01", null, "CT01@192.0.2.7", Action.STORE, STUDY,
                        null, null, null, "0000 stored 20"));
                trail.record(new AuditEvent(Instant.now(), "token ward-3", "viewer", "192.0.2.8", Action.QUERY,
                        null, null, null, List.of("PatientName", "StudyDate"), "200"));
                trail.record(new AuditEvent(Instant.now(), null, null, "192.0.2.9", Action.REFUSED, null, null,
                        null, null, "401 no credentials"));
            }

            Document store = received(repository, 85);
            Document query = received(repository, 85);
            Document refused = received(repository, 84);

            Element event = element(store, "EventIdentification");
            assertThat(event.getAttribute("EventActionCode")).isEqualTo("C");
            assertThat(event.getAttribute("EventOutcomeIndicator")).isEqualTo("0");
            assertThat(element(store, "EventID").getAttribute("csd-code")).isEqualTo("110104");
            assertThat(element(store, "ActiveParticipant").getAttribute("UserID")).isEqualTo("CT01");
            assertThat(element(store, "RoleIDCode").getAttribute("csd-code")).isEqualTo("110153");
            assertThat(element(store, "AuditSourceIdentification").getAttribute("AuditSourceID")).isEqualTo("PACSLITE");
            assertThat(element(store, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"))
                    .isEqualTo(STUDY);
            assertThat(element(store, "ParticipantObjectIDTypeCode").getAttribute("csd-code")).isEqualTo("110180");

            assertThat(element(query, "EventID").getAttribute("csd-code")).isEqualTo("110112");
            assertThat(new String(Base64.getDecoder().decode(element(query, "ParticipantObjectQuery").getTextContent()),
                    StandardCharsets.UTF_8)).isEqualTo("PatientName,StudyDate");

            assertThat(element(refused, "EventID").getAttribute("csd-code")).isEqualTo("110113");
            assertThat(element(refused, "EventTypeCode").getAttribute("csd-code")).isEqualTo("110132");
            assertThat(element(refused, "EventIdentification").getAttribute("EventOutcomeIndicator")).isEqualTo("4");
        }
    }

    /** RFC 5425: octet-counted frames over TLS, and the archive shows its own certificate (PS3.15 B.9). */
    @Test
    void sendsOverTlsWithTheArchivesCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        TlsSettings repositorySide = new TlsSettings(certificates.serverKey(), certificates.serverCertificate(),
                Optional.of(certificates.ca()));
        TlsSettings archiveSide = new TlsSettings(certificates.clientKey(), certificates.clientCertificate(),
                Optional.of(certificates.ca()));
        SSLContext serverContext = repositorySide.context();
        try (SSLServerSocket repository = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            repository.setSSLParameters(repositorySide.parameters(serverContext));
            CompletableFuture<String[]> received = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) repository.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    String peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                    return new String[] {peer, new String(frame(socket.getInputStream()), StandardCharsets.UTF_8)};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (AuditTrail trail = trail()) {
                trail.alsoSendTo(new SyslogSender(Target.of("tls://localhost:" + repository.getLocalPort()),
                        "PACSLITE", TlsClient.of(archiveSide)));
                trail.record(new AuditEvent(Instant.now(), "admin", "admin", "127.0.0.1", Action.DELETE, STUDY,
                        null, null, null, "204"));
            }

            String[] peerAndMessage = received.get();
            assertThat(peerAndMessage[0]).isEqualTo("CN=CT01");
            Matcher header = HEADER.matcher(peerAndMessage[1]);
            assertThat(header.matches()).as(peerAndMessage[1]).isTrue();
            Document delete = xml(header.group(5));
            assertThat(element(delete, "EventID").getAttribute("csd-code")).isEqualTo("110105");
            assertThat(element(delete, "EventIdentification").getAttribute("EventActionCode")).isEqualTo("D");
        }
    }

    @Test
    void anUnreachableRepositoryLosesCopiesButNotTheTrail() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SyslogSender sender = new SyslogSender(Target.of("tcp://127.0.0.1:" + closedPort), "PACSLITE", null);
        try (AuditTrail trail = trail()) {
            trail.alsoSendTo(sender);
            trail.record(new AuditEvent(Instant.now(), "CT01", null, null, Action.STORE, STUDY, null, null, null,
                    "0000 stored 1"));
            trail.flush();
        }

        assertThat(sender.counts()).isEqualTo("sent 0, lost 1");
        try (AuditTrail reopened = trail()) {
            assertThat(reopened.verify().rows()).isEqualTo(1);
        }
    }

    @Test
    void aTargetNamesItsTransportHostAndPort() {
        assertThat(Target.of("udp://arr.example.org")).hasToString("udp://arr.example.org:514");
        assertThat(Target.of("tls://arr.example.org")).hasToString("tls://arr.example.org:6514");
        assertThat(Target.of("tcp://10.0.0.5:601")).hasToString("tcp://10.0.0.5:601");
        assertThatThrownBy(() -> Target.of("http://arr.example.org")).hasMessageContaining("udp, tcp or tls");
        assertThatThrownBy(() -> new SyslogSender(Target.of("tls://arr.example.org"), "PACSLITE", null))
                .hasMessageContaining("TLS identity");
    }

    private AuditTrail trail() {
        return new AuditTrail(index.auditEvents(), dir.resolve("audit"), AuditTrail.DEFAULT_CAPACITY);
    }

    /** The next datagram: its PRI is {@code priority}, and its XML. */
    private static Document received(DatagramSocket repository, int priority) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        repository.receive(packet);
        String message = new String(Arrays.copyOf(packet.getData(), packet.getLength()), StandardCharsets.UTF_8);
        Matcher header = HEADER.matcher(message);
        assertThat(header.matches()).as(message).isTrue();
        assertThat(Integer.parseInt(header.group(1))).isEqualTo(priority);
        assertThat(Long.parseLong(header.group(4))).isEqualTo(ProcessHandle.current().pid());
        return xml(header.group(5));
    }

    /** One RFC 5425 frame: MSG-LEN SP SYSLOG-MSG. */
    private static byte[] frame(InputStream in) throws Exception {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != ' '; c = in.read()) {
            length.append((char) c);
        }
        byte[] message = new byte[Integer.parseInt(length.toString())];
        new DataInputStream(in).readFully(message);
        return message;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element element(Document document, String name) {
        return (Element) document.getElementsByTagName(name).item(0);
    }
}
