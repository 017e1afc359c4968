package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.JwtAuthenticator;
import io.pacslite.archive.audit.SyslogSender;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.Configuration;
import io.pacslite.cli.config.Setting;
import io.pacslite.dicomweb.server.DicomWebServer;
import io.pacslite.dicomweb.viewer.OhifViewer;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code pacslite serve}: the archive as a DICOM node. Takes C-ECHO, C-STORE, C-FIND, C-GET and
 * C-MOVE (to the AEs of the AE table, {@link AeCommand}) on the DIMSE port, and DICOMweb with the OHIF Viewer at {@code /} on the HTTP port (docs/viewer.md), until
 * it is stopped (SIGTERM or Ctrl-C), then stops accepting, lets running HTTP requests and DIMSE
 * messages finish, ends the open associations and closes the archive cleanly, and exits with status 0.
 * SIGTERM and SIGINT are handled (not left to the JVM's shutdown, which would end with status 143 or 130).
 * Its settings are the configuration's (docs/configuration.md), each flag overriding a key; an
 * unusable setting stops it with status 2, a port it cannot listen on with status 1, in one line
 * naming the key.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the archive: C-ECHO, C-STORE, C-FIND, C-GET and C-MOVE (DIMSE), DICOMweb and the OHIF "
                + "Viewer (HTTP) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private DimseServeOptions dimse;

    @Option(names = "--dicom-port", paramLabel = "PORT",
            description = "TCP port for DIMSE (0: any free port; dicom.port). Default: 11112.")
    private Integer dicomPort;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "TCP port for DICOMweb (0: any free port; http.port). Default: 8080.")
    private Integer httpPort;

    @Option(names = "--dicom-tls-port", paramLabel = "PORT",
            description = "TCP port for DICOM TLS, when tls.private-key and tls.certificate are set (dicom.tls-port)."
                    + " Default: 2762.")
    private Integer dicomTlsPort;

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "TCP port for HTTPS, when tls.private-key and tls.certificate are set (http.tls-port)."
                    + " Default: 8443.")
    private Integer httpsPort;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "Allow browser pages of this origin to call DICOMweb (repeatable; * for any; "
                    + "http.cors-origins). Default: none.")
    private List<String> corsOrigins;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (the key bind). Default: 0.0.0.0 (all).")
    private String bind;

    @Option(names = "--viewer-dir", paramLabel = "DIR",
            description = "The OHIF Viewer's built files, served at / on the HTTP port (viewer.dir)."
                    + " Default: where bin/fetch-ohif puts them (~/.cache/pacslite/ohif-<version>).")
    private Path viewerDir;

    @Option(names = "--no-viewer", description = "Serve no viewer at / (DICOMweb only; viewer.enabled: false).")
    private boolean noViewer;

    @Override
    public Integer call() throws Exception {
        GivenFlags flags = new GivenFlags().put(Setting.DICOM_PORT, dicomPort).put(Setting.HTTP_PORT, httpPort)
                .put(Setting.DICOM_TLS_PORT, dicomTlsPort).put(Setting.HTTPS_PORT, httpsPort)
                .put(Setting.CORS_ORIGINS, corsOrigins).put(Setting.BIND, bind).put(Setting.VIEWER_DIR, viewerDir)
                .putIf(noViewer, Setting.VIEWER, "false");
        dimse.addTo(flags);
        Configuration config = archive.configuration(flags);
        Optional<Path> viewer = viewer(config);
        Optional<TlsSettings> tls = config.tls();
        requireLocalAddress(config);
        Logging.configure(config);
        AcceptancePolicy policy = config.acceptancePolicy();
        String bindAddress = config.bind();
        Optional<JwtAuthenticator> identityProvider = config.identityProvider();
        Optional<TlsClient> tlsClient = tlsClient(config, tls);
        Optional<SyslogSender> auditCopies = auditCopies(config, tlsClient, policy.aeTitle());
        Archive opened = ArchiveOptions.open(config);
        auditCopies.ifPresent(opened.audit()::alsoSendTo);
        UserIdentities identities = config.userIdentities(opened.apiTokens(), identityProvider);
        DimseServices services = DimseServices.archive(opened,
                AeTable.at(config.dataDirectory().resolve(AeCommand.FILE_NAME), config.moveDestinations()),
                tlsClient.orElse(null), config.pendingInterval());
        List<DimseServer> dimse = new ArrayList<>();
        try {
            dimse.add(DimseServer.start(new InetSocketAddress(bindAddress, config.dicomPort()), policy, identities,
                    services, config.timeouts()));
        } catch (Exception e) {
            opened.close();
            cannotListen(config, Setting.DICOM_PORT, config.dicomPort(), e);
            return 1;
        }
        if (tls.isPresent()) {
            try {
                dimse.add(DimseServer.start(new InetSocketAddress(bindAddress, config.dicomTlsPort()), policy,
                        identities, services, config.timeouts(), tls.get()));
            } catch (Exception e) {
                stop(null, dimse, opened, config.shutdownTimeout());
                cannotListen(config, Setting.DICOM_TLS_PORT, config.dicomTlsPort(), e);
                return 1;
            }
        }
        DicomWebServer web;
        try {
            web = DicomWebServer.start(new InetSocketAddress(bindAddress, config.httpPort()), opened,
                    config.dicomWebConfig().withViewerDirectory(viewer.orElse(null)),
                    tls.map(settings -> new DicomWebServer.HttpsListener(
                            new InetSocketAddress(bindAddress, config.httpsPort()),
                            new TlsSettings(settings.privateKey(), settings.certificates(), Optional.empty()))));
        } catch (IOException | RuntimeException e) {
            stop(null, dimse, opened, config.shutdownTimeout());
            cannotListen(config, Setting.HTTP_PORT, config.httpPort(), e);
            return 1;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> stopRequested.countDown());
        }
        // Any other way the JVM ends (SIGHUP, System.exit) still closes the archive cleanly.
        Thread hook = new Thread(() -> stop(web, dimse, opened, config.shutdownTimeout()), "pacslite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("PACS-lite serving %s: DIMSE %s on %s:%d, %sHTTP http://%s:%d/, %s%s%n",
                config.dataDirectory().toAbsolutePath(), policy.aeTitle(), bindAddress, dimse.getFirst().port(),
                tls.isEmpty() ? "" : "DICOM TLS on " + bindAddress + ":" + dimse.getLast().port() + ", ",
                bindAddress, web.port(),
                tls.isEmpty() ? "" : "HTTPS https://" + bindAddress + ":" + web.httpsPort() + "/, ",
                viewer.isEmpty() ? "no viewer"
                        : "OHIF viewer http://" + browserHost(bindAddress) + ":" + web.port() + "/");
        System.out.flush();
        stopRequested.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 1; // the hook is already stopping the archive
        }
        stop(web, dimse, opened, config.shutdownTimeout());
        return 0;
    }

    /**
     * The viewer folder to serve, or empty: none when viewer.enabled is false; the configured
     * folder if it holds a viewer (else the configuration is unusable); the default folder if
     * bin/fetch-ohif filled it (else a warning, and DICOMweb only).
     */
    private static Optional<Path> viewer(Configuration config) throws ConfigException {
        if (!config.viewerEnabled()) {
            return Optional.empty();
        }
        Optional<Path> configured = config.viewerDirectory();
        Path candidate = configured.orElseGet(OhifViewer::defaultDirectory);
        if (OhifViewer.isInstalled(candidate)) {
            return Optional.of(candidate);
        }
        if (configured.isPresent()) {
            throw new ConfigException(config.source(Setting.VIEWER_DIR), Setting.VIEWER_DIR.key(),
                    "no viewer in " + candidate + " (no index.html); run bin/fetch-ohif");
        }
        System.err.println("pacslite serve: the OHIF viewer is not installed in " + candidate
                + "; run bin/fetch-ohif to serve it at /");
        return Optional.empty();
    }

    /**
     * How the archive connects to TLS peers (C-MOVE destinations marked {@code tls}, the audit
     * repository): with its own TLS identity, checking theirs by {@code tls.client-ca}, else by
     * the JVM's CAs; empty without TLS settings.
     */
    private static Optional<TlsClient> tlsClient(Configuration config, Optional<TlsSettings> tls)
            throws ConfigException {
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsClient.of(tls.get()));
        } catch (IOException e) {
            throw new ConfigException(config.source(Setting.TLS_PRIVATE_KEY), Setting.TLS_PRIVATE_KEY.key(),
                    e.getMessage());
        }
    }

    /**
     * What sends copies of the audit trail to the audit record repository of {@code audit.syslog},
     * if one is configured; a {@code tls://} one is reached through {@code tls}.
     */
    private static Optional<SyslogSender> auditCopies(Configuration config, Optional<TlsClient> tls, String aeTitle)
            throws ConfigException {
        Optional<SyslogSender.Target> repository = config.auditRepository();
        if (repository.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SyslogSender(repository.get(), aeTitle, tls.orElse(null)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source(Setting.AUDIT_SYSLOG), Setting.AUDIT_SYSLOG.key(), e.getMessage());
        }
    }

    /** Checks that the address to listen on is one of this machine's, or the wildcard. */
    private static void requireLocalAddress(Configuration config) throws ConfigException {
        String reason;
        try {
            InetAddress address = InetAddress.getByName(config.bind());
            if (address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null) {
                return;
            }
            reason = config.bind() + " is not an address of this machine";
        } catch (UnknownHostException e) {
            reason = "unknown host " + config.bind();
        } catch (SocketException e) {
            reason = "cannot list this machine's addresses: " + e.getMessage();
        }
        throw new ConfigException(config.source(Setting.BIND), Setting.BIND.key(), reason);
    }

    /** Says, in one line naming the setting, that its port cannot be listened on (or its TLS files not read). */
    private static void cannotListen(Configuration config, Setting setting, int port, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        System.err.println("pacslite serve: " + config.source(setting) + ": " + setting.key() + ": cannot listen on "
                + config.bind() + ":" + port + ": " + cause.getMessage());
    }

    /** The host to put in a URL for a browser: the bound address, or localhost for the wildcard. */
    private static String browserHost(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "localhost" : bindAddress;
    }

    /**
     * Stops gracefully: every server stops accepting at once; running HTTP requests finish and
     * each association finishes the message it is serving (then it is aborted), both bounded
     * by {@code grace} (the web server has it from its configuration too); then the archive closes.
     */
    private static void stop(DicomWebServer web, List<DimseServer> servers, Archive archive, Duration grace) {
        try {
            List<Thread> dimse = servers.stream().map(server -> Thread.ofVirtual().name("dimse-stop").start(() -> {
                try {
                    server.close(grace);
                } catch (IOException e) {
                    System.err.println("pacslite serve: while stopping DIMSE: " + e);
                }
            })).toList();
            if (web != null) {
                web.close();
            }
            for (Thread thread : dimse) {
                thread.join();
            }
            archive.close();
        } catch (Exception e) {
            System.err.println("pacslite serve: while stopping: " + e);
        }
    }
}
