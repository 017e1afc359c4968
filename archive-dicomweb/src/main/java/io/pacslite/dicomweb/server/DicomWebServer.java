package io.pacslite.dicomweb.server;

import io.pacslite.archive.Archive;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.dicomweb.auth.Access;
import io.pacslite.dicomweb.auth.RequestAudit;
import io.pacslite.dicomweb.auth.LinkService;
import io.pacslite.dicomweb.auth.TokenService;
import io.pacslite.dicomweb.correction.CorrectionService;
import io.pacslite.dicomweb.deid.AnonymizeService;
import io.pacslite.dicomweb.delete.DeleteService;
import io.pacslite.dicomweb.imports.ImportService;
import io.pacslite.dicomweb.imports.UploadPage;
import io.pacslite.dicomweb.ops.AuditService;
import io.pacslite.dicomweb.ops.OpsService;
import io.pacslite.dicomweb.qido.QidoService;
import io.pacslite.dicomweb.report.ReportService;
import io.pacslite.dicomweb.stow.StowService;
import io.pacslite.dicomweb.viewer.ViewerService;
import io.pacslite.dicomweb.wado.RenderedService;
import io.pacslite.dicomweb.wado.WadoService;
import io.pacslite.dicomweb.wado.WadoUriService;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The DICOMweb server (PS3.18) on Undertow: STOW-RS, WADO-RS and WADO-URI, delete, health and
 * metrics, and the OHIF Viewer at {@code /} when configured (docs/viewer.md). The IO threads
 * parse HTTP and match routes; every endpoint runs on a virtual thread in blocking mode
 * (reading and writing plain streams, so bodies stream through). See docs/dicomweb.md.
 *
 * <p>The handler chain, outermost first: graceful shutdown, access log and metrics, CORS,
 * security headers ({@link SecurityHeaders}), routes, each checking its caller's role
 * ({@link Access}, docs/security.md); what no route
 * matches goes to the viewer, if there is one, else 404.
 */
public final class DicomWebServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomWebServer.class);
    /**
     * Undertow's I/O buffers: each read of a request body and each write of a response is at
     * most this long. Undertow's default (16 KiB) made a STOW-RS of CT images four times as many
     * reads, and their acknowledgements, as this (docs/performance-ingest.md).
     */
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final ExecutorService blocking;
    private final DicomWebConfig config;
    private final int port;
    private final int httpsPort;
    private final List<Routes.Route> routes;

    /**
     * A second listener that speaks HTTPS (RFC 9110 4.2.2), with the BCP 195 protocols and
     * cipher suites of {@link TlsSettings}.
     *
     * @param address where it listens (port 0: any free port)
     * @param tls     its key, certificates and rules
     */
    public record HttpsListener(InetSocketAddress address, TlsSettings tls) {
    }

    private DicomWebServer(Undertow undertow, GracefulShutdownHandler graceful, ExecutorService blocking,
            DicomWebConfig config, List<Routes.Route> routes) {
        this.undertow = undertow;
        this.routes = routes;
        this.graceful = graceful;
        this.blocking = blocking;
        this.config = config;
        this.port = listenerPort(undertow, "http");
        this.httpsPort = listenerPort(undertow, "https");
    }

    /** The port of the listener for {@code protocol}, or -1 if there is none. */
    private static int listenerPort(Undertow undertow, String protocol) {
        return undertow.getListenerInfo().stream().filter(listener -> listener.getProtcol().equals(protocol))
                .map(listener -> ((InetSocketAddress) listener.getAddress()).getPort()).findFirst().orElse(-1);
    }

    /** The services, each registering its routes. */
    private static List<DicomWebService> services(DicomWebContext context) {
        return List.of(
                new StowService(context),
                new WadoService(context),
                new RenderedService(context),
                new QidoService(context),
                new WadoUriService(context),
                new DeleteService(context),
                new AnonymizeService(context),
                new ReportService(context),
                new CorrectionService(context),
                new OpsService(context),
                new AuditService(context.archive()),
                new TokenService(context.archive().apiTokens()),
                new LinkService(context),
                new ImportService(context),
                new UploadPage(context.config().frameAncestors()));
    }

    /**
     * Starts listening on {@code address} (port 0: any free port, see {@link #port()}).
     *
     * @throws IllegalArgumentException if the configured viewer folder holds no viewer
     * @throws java.io.UncheckedIOException if the identity provider's key file cannot be read
     * @throws RuntimeException if the port cannot be bound (Undertow's exception)
     */
    public static DicomWebServer start(InetSocketAddress address, Archive archive, DicomWebConfig config) {
        return start(address, archive, config, Undertow.builder());
    }

    /**
     * Starts listening on {@code address} for HTTP and, if given, on {@code https} for HTTPS:
     * the same routes on both.
     *
     * @throws IOException if the HTTPS key or certificates cannot be read
     * @throws IllegalArgumentException if the configured viewer folder holds no viewer
     * @throws RuntimeException if a port cannot be bound (Undertow's exception)
     */
    public static DicomWebServer start(InetSocketAddress address, Archive archive, DicomWebConfig config,
            Optional<HttpsListener> https) throws IOException {
        Undertow.Builder builder = Undertow.builder();
        if (https.isPresent()) {
            TlsSettings tls = https.get().tls();
            SSLContext context = tls.context();
            SSLParameters parameters = tls.parameters(context);
            builder.addHttpsListener(https.get().address().getPort(), https.get().address().getHostString(), context)
                    .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(parameters.getProtocols()))
                    .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(parameters.getCipherSuites()));
        }
        return start(address, archive, config, builder);
    }

    private static DicomWebServer start(InetSocketAddress address, Archive archive, DicomWebConfig config,
            Undertow.Builder builder) {
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
        Metrics metrics = new Metrics();
        Access access = new Access(archive.apiTokens(), archive.viewerLinks(), config.openLoopback(), config.oidc());
        Routes routes = new Routes(blocking, access, new RequestAudit(archive.audit()));
        for (DicomWebService service : services(new DicomWebContext(archive, config, metrics))) {
            service.register(routes);
        }
        if (config.viewerDirectory() != null) {
            new ViewerService(config.viewerDirectory(), config.frameAncestors()).register(routes);
        }
        GracefulShutdownHandler graceful = new GracefulShutdownHandler(
                new AccessLog(new Cors(new SecurityHeaders(routes.handler(), config.frameAncestors()),
                        config.corsAllowedOrigins()), metrics));
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Undertow undertow = builder
                .addHttpListener(address.getPort(), address.getHostString())
                .setIoThreads(ioThreads)
                .setWorkerThreads(ioThreads)
                .setBufferSize(BUFFER_SIZE)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.maxRequestBytes())
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                // A person name query has carets ("PatientName=Doe^J*"); curl and hand-made links
                // send them unescaped, which RFC 3986 forbids and Undertow refuses by default.
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .setHandler(graceful)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            blocking.close();
            throw e;
        }
        DicomWebServer server = new DicomWebServer(undertow, graceful, blocking, config, routes.table());
        LOG.info("DICOMweb listening on {}:{}{}", address.getHostString(), server.port, Routes.BASE);
        if (server.httpsPort >= 0) {
            LOG.info("DICOMweb listening for HTTPS on port {}", server.httpsPort);
        }
        LOG.info(access.posture());
        if (config.oidc() != null) {
            LOG.info("HTTP access: bearer JWTs of the identity provider {} are accepted (OpenID Connect)",
                    config.oidc().issuer());
        }
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The HTTPS listener's port, or -1 without one. */
    public int httpsPort() {
        return httpsPort;
    }

    /** The route table, each route with the role it needs. */
    List<Routes.Route> routes() {
        return routes;
    }

    /**
     * Stops taking requests (new ones get 503), waits for the running ones up to the
     * configured shutdown timeout, then closes the listener and the threads.
     */
    @Override
    public void close() {
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(config.shutdownTimeout().toMillis())) {
                LOG.warn("requests still running after {}; stopping anyway", config.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        blocking.shutdownNow();
    }
}
