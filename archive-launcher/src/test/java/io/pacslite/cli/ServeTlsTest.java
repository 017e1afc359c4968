package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite serve} with {@code tls.*} configured: DICOM TLS and HTTPS beside the plain
 * ports, said in the start line and the log, checked with dcmtk and curl.
 */
class ServeTlsTest {

    private static final Pattern DICOM_TLS = Pattern.compile("DICOM TLS on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTPS = Pattern.compile("HTTPS (https://\\S+)/");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void servesDicomTlsAndHttpsWithTheConfiguredKey() throws Exception {
        TestCertificates certificates = TestCertificates.create(Files.createDirectories(dir.resolve("keys")));
        Path log = dir.resolve("serve.log");
        Map<String, String> environment = Map.of(
                "PACSLITE_TLS_PRIVATE_KEY", certificates.serverKey().toString(),
                "PACSLITE_TLS_CERTIFICATE", certificates.serverCertificate().toString(),
                "PACSLITE_TLS_CLIENT_CA", certificates.ca().toString());

        try (ServeProcess server = ServeProcess.start(dir.resolve("archive"), environment, log,
                "--dicom-tls-port", "0", "--https-port", "0", "--no-viewer")) {
            Matcher dicomTls = DICOM_TLS.matcher(server.startLine());
            Matcher https = HTTPS.matcher(server.startLine());
            assertThat(dicomTls.find()).as(server.startLine()).isTrue();
            assertThat(https.find()).as(server.startLine()).isTrue();

            int echo = echoscu(dicomTls.group(1), certificates.clientKey(), certificates.clientCertificate(),
                    certificates);
            int stranger = echoscu(dicomTls.group(1), certificates.strangerKey(),
                    certificates.strangerCertificate(), certificates);
            int plainOnTls = ServeProcess.dcmtk(60, "echoscu", "-aec", "PACSLITE", "127.0.0.1", dicomTls.group(1));
            int plain = ServeProcess.dcmtk(60, "echoscu", "-aec", "PACSLITE", "127.0.0.1", server.port());
            Process curl = new ProcessBuilder("curl", "-s", "-f", "--max-time", "20", "--cacert",
                    certificates.ca().toString(), https.group(1) + "/health").redirectErrorStream(true).start();
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(echo).as("echoscu +tls with the CA's client certificate").isZero();
            assertThat(stranger).as("echoscu +tls with a certificate the CA did not sign").isNotZero();
            assertThat(plainOnTls).as("echoscu without TLS on the TLS port").isNotZero();
            assertThat(plain).as("echoscu on the plain port").isZero();
            assertThat(new String(curl.getInputStream().readAllBytes())).isEqualTo("ok\n");
            assertThat(server.stop()).isZero();
        }
        assertThat(Files.readString(log)).contains("accepting DICOM TLS associations")
                .contains("TLS handshake with").contains("DIMSE access: no AE title has rules of its own");
    }

    @Test
    void refusesAKeyWithoutACertificateNamingTheSetting() throws Exception {
        Path config = Files.writeString(dir.resolve("pacslite.yaml"), "tls:\n  private-key: /etc/ssl/pacs.key\n");

        Run serve = run("serve", "--data-dir", dir.resolve("archive").toString(), "--no-viewer", "--config",
                config.toString());

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("tls.certificate: is needed too: TLS takes a private key and a certificate");
    }


    private static int echoscu(String port, Path key, Path certificate, TestCertificates certificates)
            throws Exception {
        return ServeProcess.dcmtk(60, List.of("echoscu", "-aec", "PACSLITE", "+tls", key.toString(),
                certificate.toString(), "+cf", certificates.ca().toString(), "127.0.0.1", port)
                .toArray(String[]::new));
    }
}
