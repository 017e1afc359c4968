package io.pacslite.archive.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The requesting side of TLS, with the profile of {@link TlsSettings} (PS3.15 B.9, BCP 195): how
 * the archive and its commands connect to a TLS peer, a DICOM TLS AE (a C-MOVE destination,
 * {@code pacslite echo --tls}) or an audit record repository. The peer's certificate must be
 * signed by the trusted CAs (given, else the JVM's) and name the host connected to (RFC 6125,
 * as HTTPS checks it); this side's certificate, if it has one, is shown when the peer asks for
 * one (PS3.15 B.9 node authentication).
 */
public final class TlsClient {

    private final SSLContext context;
    private final SSLParameters parameters;

    private TlsClient(SSLContext context) {
        this.context = context;
        this.parameters = TlsSettings.profile(context);
        this.parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }

    /**
     * A client with {@code identity}'s key and certificate, if any, trusting the CA certificates
     * of {@code trusted} (PEM), if given, else the JVM's.
     *
     * @throws IOException if a file cannot be read or does not hold what it should
     */
    public static TlsClient of(Optional<TlsSettings> identity, Optional<Path> trusted) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity.isPresent() ? identity.get().keyManagers() : null,
                    trusted.isPresent() ? TlsSettings.trustManagers(trusted.get()) : null, null);
            return new TlsClient(context);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS client of " + identity.map(Object::toString).orElse("no identity")
                    + " trusting " + trusted.map(Path::toString).orElse("the JVM's CAs") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client the archive uses towards its peers: its own TLS identity (the {@code tls.*}
     * settings), trusting {@code tls.client-ca}, the CAs of its DIMSE peers, if set.
     */
    public static TlsClient of(TlsSettings archive) throws IOException {
        return of(Optional.of(archive), archive.clientCa());
    }

    /** A socket to connect, then hand-shake on: the profile's protocols and cipher suites, the host name checked. */
    public SSLSocket newSocket() throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.setSSLParameters(parameters);
        return socket;
    }
}
