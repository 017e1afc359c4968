package io.pacslite.archive.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files made by openssl read into a TLS context, and the files that are not what they should be refused. */
class TlsSettingsTest {

    @TempDir
    static Path keys;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(keys);
    }

    @Test
    void offersOnlyTls13And12WithAeadSuitesAndAsksForAClientCertificateWithACa() throws Exception {
        TlsSettings withCa = new TlsSettings(certificates.serverKey(), certificates.serverCertificate(),
                Optional.of(certificates.ca()));
        SSLContext context = withCa.context();
        SSLParameters parameters = withCa.parameters(context);

        assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(parameters.getCipherSuites()).contains("TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").allMatch(suite -> suite.contains("GCM")
                        || suite.contains("CHACHA20"));
        assertThat(parameters.getNeedClientAuth()).isTrue();
        assertThat(new TlsSettings(certificates.serverKey(), certificates.serverCertificate(), Optional.empty())
                .parameters(context).getNeedClientAuth()).isFalse();
        assertThat(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()))
                .as("the JDK would allow CBC suites").anyMatch(suite -> suite.contains("CBC"));
    }

    @Test
    void refusesAKeyThatIsNotPkcs8WithTheCommandThatConvertsIt() throws Exception {
        Path traditional = keys.resolve("traditional.key");
        Files.writeString(traditional, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new TlsSettings(traditional, certificates.serverCertificate(), Optional.empty())
                .context()).isInstanceOf(IOException.class).hasMessageContaining("EC PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void refusesACertificateFileWithoutCertificates() {
        assertThatThrownBy(() -> new TlsSettings(certificates.serverKey(), certificates.serverKey(), Optional.empty())
                .context()).isInstanceOf(IOException.class).hasMessageContaining(certificates.serverKey().toString());
    }
}
