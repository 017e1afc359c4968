package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.testing.Dcmtk;
import io.pacslite.testing.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * DICOM TLS (PS3.15 Annex B.9) with dcmtk's {@code +tls}: echo and store over TLS, a client
 * without TLS and a client certificate the CA did not sign refused, the server serving on.
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

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(keys);
    }

    @AfterEach
    void stop() throws Exception {
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
}
