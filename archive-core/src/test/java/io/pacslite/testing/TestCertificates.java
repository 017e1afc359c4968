package io.pacslite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real keys and certificates for TLS tests, made with the {@code openssl} command (EC P-256,
 * valid two days): a CA, a server certificate it signed for 127.0.0.1 and localhost, a client
 * certificate it signed, and a self-signed stranger. Keys are unencrypted PKCS#8 PEM.
 *
 * @param ca                the CA's certificate
 * @param serverKey         the server's key
 * @param serverCertificate the server's certificate, signed by the CA
 * @param clientKey         a client's key
 * @param clientCertificate the client's certificate, signed by the CA
 * @param strangerKey       another client's key
 * @param strangerCertificate its self-signed certificate, which the CA did not sign
 */
public record TestCertificates(Path ca, Path serverKey, Path serverCertificate, Path clientKey,
        Path clientCertificate, Path strangerKey, Path strangerCertificate) {

    private static final long WAIT_SECONDS = 30;

    /** Makes them all in {@code directory}. */
    public static TestCertificates create(Path directory) throws IOException, InterruptedException {
        Path caKey = directory.resolve("ca.key");
        Path ca = directory.resolve("ca.pem");
        openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=PACS-lite test CA");
        Path serverKey = directory.resolve("server.key");
        Path server = signed(directory, "server", "/CN=localhost",
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n", ca, caKey);
        Path clientKey = directory.resolve("client.key");
        Path client = signed(directory, "client", "/CN=CT01", "extendedKeyUsage=clientAuth\n", ca, caKey);
        Path strangerKey = directory.resolve("stranger.key");
        Path stranger = directory.resolve("stranger.pem");
        openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", strangerKey.toString(), "-out", stranger.toString(), "-days", "2", "-subj", "/CN=stranger");
        return new TestCertificates(ca, serverKey, server, clientKey, client, strangerKey, stranger);
    }

    /** {@code name}.key and {@code name}.pem, signed by the CA with {@code extensions}. */
    private static Path signed(Path directory, String name, String subject, String extensions, Path ca, Path caKey)
            throws IOException, InterruptedException {
        Path key = directory.resolve(name + ".key");
        Path request = directory.resolve(name + ".csr");
        Path certificate = directory.resolve(name + ".pem");
        Path extensionFile = Files.writeString(directory.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
        openssl(directory, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", request.toString(), "-subj", subject);
        openssl(directory, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-out", certificate.toString(), "-extfile", extensionFile.toString());
        return certificate;
    }

    private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl did not finish within " + WAIT_SECONDS + " s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("openssl failed: " + command + "\n" + output);
        }
    }
}
