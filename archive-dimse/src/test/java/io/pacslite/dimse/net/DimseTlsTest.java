package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.testing.Dcmtk;
import io.pacslite.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM TLS (PS3.15 Annex B.9) with dcmtk's {@code +tls}. The archive as the acceptor: echo and
 * store over TLS, a client without TLS and a client certificate the CA did not sign refused, the
 * server serving on. The archive as the requestor: C-MOVE sub-operations to a destination the AE
 * table marks {@code tls}, received by {@code storescp +tls} that requires the archive's
 * certificate; an SCP whose certificate this side does not trust, or a TLS peer without TLS
 * settings, fails to connect.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseTlsTest {

    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.99";

    @TempDir
    static Path keys;
    private static TestCertificates certificates;

    @TempDir
    Path root;
    @TempDir
    Path work;
    private Archive archive;
    private DimseServer server;
    private Storescp storescp;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(keys);
    }

    @AfterEach
    void stop() throws Exception {
        if (storescp != null) {
            storescp.close();
        }
        if (server != null) {
            server.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    private void start(Optional<Path> clientCa) throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                UserIdentities.none(), DimseServices.archive(archive), Timeouts.defaults(),
                new TlsSettings(certificates.serverKey(), certificates.serverCertificate(), clientCa));
    }

    @Test
    void echoesAndStoresOverTls() throws Exception {
        start(Optional.empty());
        Path file = Instances.write(work.resolve("ct.dcm"), SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Dcmtk.Result echo = tls("echoscu", certificates.clientKey(), certificates.clientCertificate());
        Dcmtk.Result store = tls("storescu", certificates.clientKey(), certificates.clientCertificate(),
                file.toString());

        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).contains("Received Echo Response (Success)");
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(archive.index().find(SOP)).isNotNull();
    }

    @Test
    void closesAClientWithoutTlsAndServesOn() throws Exception {
        start(Optional.empty());

        Dcmtk.Result plain = Dcmtk.run(work, "echoscu", List.of("-aec", "PACSLITE", "127.0.0.1",
                Integer.toString(server.port())));
        try (Socket garbage = new Socket("127.0.0.1", server.port())) {
            OutputStream out = garbage.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".repeat(100).getBytes());
            out.flush();
            garbage.setSoTimeout(10_000);
            assertThat(garbage.getInputStream().readAllBytes()).as("what a TLS server answers garbage")
                    .hasSizeLessThan(64);
        }
        Dcmtk.Result echo = tls("echoscu", certificates.clientKey(), certificates.clientCertificate());

        assertThat(plain.exitCode()).as(plain.output()).isNotZero();
        assertThat(echo.exitCode()).as(echo.output()).isZero();
    }

    @Test
    void refusesAClientCertificateTheCaDidNotSign() throws Exception {
        start(Optional.of(certificates.ca()));

        Dcmtk.Result stranger = tls("echoscu", certificates.strangerKey(), certificates.strangerCertificate());
        Dcmtk.Result client = tls("echoscu", certificates.clientKey(), certificates.clientCertificate());

        assertThat(stranger.exitCode()).as(stranger.output()).isNotZero();
        assertThat(client.exitCode()).as(client.output()).isZero();
    }

    /** {@code tool} over TLS with {@code key} and {@code certificate}, trusting the test CA for the server. */
    private Dcmtk.Result tls(String tool, Path key, Path certificate, String... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("-v", "-aec", "PACSLITE", "+tls", key.toString(),
                certificate.toString(), "+cf", certificates.ca().toString(), "127.0.0.1",
                Integer.toString(server.port())));
        command.addAll(List.of(files));
        return Dcmtk.run(work, tool, command);
    }

    /** The archive shows the client certificate (CN=CT01) and trusts the test CA, as with tls.client-ca. */
    private static TlsClient archiveClient() throws Exception {
        return TlsClient.of(new TlsSettings(certificates.clientKey(), certificates.clientCertificate(),
                Optional.of(certificates.ca())));
    }

    /** An archive holding one instance, moving to a storescp +tls that requires a client certificate. */
    private void startArchive(TlsClient tls) throws Exception {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        byte[] dataset = Instances.encoded(SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(archive.store(new ByteArrayInputStream(dataset),
                StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "TEST", "127.0.0.1")).isStored()).isTrue();
        storescp = Storescp.start(Files.createDirectories(work.resolve("received")), "+xa", "+tls",
                certificates.serverKey().toString(), certificates.serverCertificate().toString(),
                "+cf", certificates.ca().toString());
        AeTable table = AeTable.at(work.resolve("ae-table.txt"),
                List.of(new RemoteAe("127.0.0.1", storescp.port(), "STORESCP", true)));
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                UserIdentities.none(), DimseServices.archive(archive, table, tls, DimseServices.DEFAULT_PENDING_INTERVAL), Timeouts.defaults());
    }

    @Test
    void movesToADestinationMarkedTlsOverTls() throws Exception {
        startArchive(archiveClient());

        Dcmtk.Result move = movescu();

        assertThat(move.exitCode()).as(move.output()).isZero();
        assertThat(storescp.receivedFiles()).hasSize(1);
    }

    @Test
    void aDestinationMarkedTlsIsNotReachedWithoutTlsSettings() throws Exception {
        startArchive(null);

        Dcmtk.Result move = movescu();

        assertThat(move.output()).contains("Received Final Move Response (Refused: OutOfResourcesSubOperations)");
        assertThat(storescp.receivedFiles()).isEmpty();
    }

    @Test
    void refusesToAssociateWithAPeerWhoseCertificateItDoesNotTrust() throws Exception {
        startArchive(archiveClient());
        RemoteAe peer = new RemoteAe("127.0.0.1", storescp.port(), "STORESCP", true);
        TlsClient jvmCasOnly = TlsClient.of(Optional.of(new TlsSettings(certificates.clientKey(),
                certificates.clientCertificate(), Optional.empty())), Optional.empty());

        assertThatThrownBy(() -> Association.open(peer, "PACSLITE", PresentationContexts.verification(), List.of(),
                Timeouts.defaults(), jvmCasOnly)).isInstanceOf(AssociationException.class)
                .hasMessageContaining("cannot connect to STORESCP@127.0.0.1:" + storescp.port() + " (TLS)");
        assertThatThrownBy(() -> Association.open(peer, "PACSLITE", PresentationContexts.verification(), List.of(),
                Timeouts.defaults(), null)).hasMessageContaining("this side has no TLS settings");
        try (Association association = Association.open(peer, "PACSLITE", PresentationContexts.verification(),
                List.of(), Timeouts.defaults(), archiveClient())) {
            assertThat(association.echo()).isEqualTo(Status.SUCCESS);
            association.release();
        }
    }

    private Dcmtk.Result movescu() throws Exception {
        return Dcmtk.run(work, "movescu", List.of("-v", "-S", "-aet", "MOVESCU", "-aec", "PACSLITE", "-aem",
                "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + Instances.STUDY_UID,
                "127.0.0.1", Integer.toString(server.port())));
    }
}
