package io.pacslite.archive.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files (RFC 7468) with the JDK alone: an unencrypted PKCS#8 private key ({@code
 * BEGIN PRIVATE KEY}) and X.509 certificates, one or a chain. Every failure names the file and
 * what to do.
 */
final class PemFiles {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern ANY_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
    /** The key algorithms a PKCS#8 key may be for, tried in turn. */
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemFiles() {
    }

    /**
     * The private key in {@code file}.
     *
     * @throws IOException if it cannot be read, or holds no unencrypted PKCS#8 key
     */
    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher matcher = PRIVATE_KEY.matcher(text);
        if (!matcher.find()) {
            Matcher other = ANY_KEY.matcher(text);
            throw new IOException(file + ": " + (other.find() ? "holds a " + other.group(1) + ", not an unencrypted"
                    + " PKCS#8 PRIVATE KEY; convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW"
                    : "holds no PEM private key (-----BEGIN PRIVATE KEY-----)"));
        }
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the private key is not valid base64: " + e.getMessage());
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next
            }
        }
        throw new IOException(file + ": the private key is none of " + KEY_ALGORITHMS);
    }

    /**
     * The certificates in {@code file}, in the file's order (a chain: the own certificate first).
     *
     * @throws IOException if it cannot be read or holds no certificate
     */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(file + ": holds no certificate (-----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage());
        }
    }
}
