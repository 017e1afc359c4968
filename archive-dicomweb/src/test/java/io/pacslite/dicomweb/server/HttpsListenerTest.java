package io.pacslite.dicomweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS beside HTTP, checked with curl: the same routes, TLS 1.2 and 1.3 only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsListenerTest {

    @TempDir
    Path root;
    @TempDir
    Path keys;
    private TestCertificates certificates;
    private Archive archive;
    private DicomWebServer server;

    @BeforeEach
    void start() throws Exception {
        certificates = TestCertificates.create(keys);
        archive = Archive.open(root, ArchiveConfig.DEFAULTS.withFsync(false));
        server = DicomWebServer.start(new InetSocketAddress("127.0.0.1", 0), archive, DicomWebConfig.DEFAULTS,
                Optional.of(new DicomWebServer.HttpsListener(new InetSocketAddress("127.0.0.1", 0),
                        new TlsSettings(certificates.serverKey(), certificates.serverCertificate(), Optional.empty()))));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        archive.close();
    }

    @Test
    void servesTheSameRoutesOverHttpsAndHttp() throws Exception {
        Curl https = curl("--cacert", certificates.ca().toString(), "https://127.0.0.1:" + server.httpsPort() + "/health");
        Curl http = curl("http://127.0.0.1:" + server.port() + "/health");

        assertThat(https.exitCode()).as(https.output()).isZero();
        assertThat(https.output()).contains("200");
        assertThat(http.output()).contains("200");
    }

    /** The JDK would take a CBC suite in TLS 1.2; BCP 195 (RFC 9325 4.2) wants AEAD ones only. */
    @Test
    void refusesACbcCipherSuiteAndAnUntrustedServer() throws Exception {
        String url = "https://127.0.0.1:" + server.httpsPort() + "/health";

        Curl cbc = curl("--cacert", certificates.ca().toString(), "--tlsv1.2", "--tls-max", "1.2",
                "--ciphers", "ECDHE-ECDSA-AES128-SHA256", url);
        Curl untrusted = curl(url);
        Curl tls12 = curl("--cacert", certificates.ca().toString(), "--tlsv1.2", "--tls-max", "1.2",
                "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256", url);

        assertThat(cbc.exitCode()).as(cbc.output()).isNotZero();
        assertThat(untrusted.exitCode()).as(untrusted.output()).isNotZero();
        assertThat(tls12.exitCode()).as(tls12.output()).isZero();
    }

    private record Curl(int exitCode, String output) {
    }

    /** curl -s -o /dev/null -w '%{http_code}' {@code arguments}. */
    private static Curl curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "20"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        return new Curl(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
