package io.pacslite.archive.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server's identity and rules, from PEM files: the BCP 195 profile (RFC 9325) that PS3.15
 * Annex B.9 names for DICOM, also used for HTTPS. Only TLS 1.3 and 1.2; in TLS 1.2 only
 * ephemeral key exchange with authenticated encryption (AES-GCM, ChaCha20-Poly1305), as RFC
 * 9325 section 4.2 recommends; with a client CA, every client must present a certificate it
 * signed (docs/security.md).
 *
 * @param privateKey   the server's private key, unencrypted PKCS#8 PEM
 * @param certificates the server's certificate, then the intermediate ones, PEM
 * @param clientCa     the CA certificates that sign the clients' certificates, PEM; empty: no
 *                     client certificate is asked for
 */
public record TlsSettings(Path privateKey, Path certificates, Optional<Path> clientCa) {

    /** The protocols offered, best first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The cipher suites offered, best first, of those the JDK has: TLS 1.3's, then TLS 1.2's of RFC 9325 4.2. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");

    private static final char[] IN_MEMORY = new char[0];

    /** Checks the paths are present. */
    public TlsSettings {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(clientCa, "clientCa");
    }

    /**
     * The context of a server with this key and certificate chain (and, with a client CA, that
     * trusts only what it signed), read once.
     *
     * @throws IOException if a file cannot be read or does not hold what it should
     */
    public SSLContext context() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), clientCa.isPresent() ? trustManagers(clientCa.get()) : null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(privateKey + " and " + certificates + " do not make a TLS identity: "
                    + e.getMessage(), e);
        }
    }

    /** This key and certificate chain as the key managers of a context. */
    KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        List<X509Certificate> chain = PemFiles.certificates(certificates);
        identity.setKeyEntry("identity", PemFiles.privateKey(privateKey), IN_MEMORY,
                chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, IN_MEMORY);
        return keys.getKeyManagers();
    }

    /** Trust managers that trust what the CA certificates of {@code cas} (PEM) signed, and nothing else. */
    static TrustManager[] trustManagers(Path cas) throws IOException, GeneralSecurityException {
        KeyStore authorities = KeyStore.getInstance("PKCS12");
        authorities.load(null, null);
        List<X509Certificate> certificates = PemFiles.certificates(cas);
        for (int i = 0; i < certificates.size(); i++) {
            authorities.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(authorities);
        return trust.getTrustManagers();
    }

    /** {@link #PROTOCOLS} and those of {@link #CIPHER_SUITES} that {@code context} supports. */
    static SSLParameters profile(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        SSLParameters parameters = new SSLParameters(
                CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new),
                PROTOCOLS.toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    /**
     * The parameters for each connection of {@code context}: {@link #PROTOCOLS}, those of
     * {@link #CIPHER_SUITES} the JDK supports, and a client certificate needed if there is a client CA.
     */
    public SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = profile(context);
        parameters.setNeedClientAuth(clientCa.isPresent());
        return parameters;
    }
}
