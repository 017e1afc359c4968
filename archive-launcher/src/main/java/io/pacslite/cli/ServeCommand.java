package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.DicomWebServer;
import io.pacslite.dicomweb.viewer.OhifViewer;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
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
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the archive: C-ECHO, C-STORE, C-FIND, C-GET and C-MOVE (DIMSE), DICOMweb and the OHIF "
                + "Viewer (HTTP) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private DimseServeOptions dimse;

    @Option(names = "--dicom-port", defaultValue = "11112",
            description = "TCP port for DIMSE (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int dicomPort;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "TCP port for DICOMweb (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int httpPort;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "Allow browser pages of this origin to call DICOMweb (repeatable; * for any). Default: none.")
    private List<String> corsOrigins = List.of();

    @Option(names = "--bind", defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (all).")
    private String bind;

    @Option(names = "--viewer-dir", paramLabel = "DIR",
            description = "The OHIF Viewer's built files, served at / on the HTTP port."
                    + " Default: where bin/fetch-ohif puts them (~/.cache/pacslite/ohif-<version>).")
    private Path viewerDir;

    @Option(names = "--no-viewer", description = "Serve no viewer at / (DICOMweb only).")
    private boolean noViewer;

    @Override
    public Integer call() throws Exception {
        Path viewer = viewer();
        if (viewer == null && viewerDir != null && !noViewer) {
            System.err.println("pacslite serve: no viewer in " + viewerDir + " (no index.html); run bin/fetch-ohif");
            return 2;
        }
        AcceptancePolicy policy;
        try {
            policy = dimse.policy();
        } catch (IllegalArgumentException e) {
            System.err.println("pacslite serve: " + e.getMessage());
            return 2;
        }
        Archive opened = archive.open();
        DimseServer server;
        try {
            server = DimseServer.start(new InetSocketAddress(bind, dicomPort), policy, DimseServices.archive(opened,
                    AeTable.at(archive.dataDir.resolve(AeCommand.FILE_NAME))),
                    dimse.timeouts());
        } catch (Exception e) {
            opened.close();
            System.err.println("pacslite serve: cannot listen on " + bind + ":" + dicomPort + ": " + e.getMessage());
            return 1;
        }
        DicomWebServer web;
        try {
            web = DicomWebServer.start(new InetSocketAddress(bind, httpPort), opened,
                    DicomWebConfig.DEFAULTS.withCorsAllowedOrigins(corsOrigins).withViewerDirectory(viewer));
        } catch (RuntimeException e) {
            stop(null, server, opened);
            System.err.println("pacslite serve: cannot listen on " + bind + ":" + httpPort + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> stopRequested.countDown());
        }
        // Any other way the JVM ends (SIGHUP, System.exit) still closes the archive cleanly.
        Thread hook = new Thread(() -> stop(web, server, opened), "pacslite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("PACS-lite serving %s: DIMSE %s on %s:%d, HTTP http://%s:%d/, %s%n",
                archive.dataDir.toAbsolutePath(), policy.aeTitle(), bind, server.port(), bind, web.port(),
                viewer == null ? "no viewer" : "OHIF viewer http://" + browserHost() + ":" + web.port() + "/");
        System.out.flush();
        stopRequested.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 1; // the hook is already stopping the archive
        }
        stop(web, server, opened);
        return 0;
    }

    /**
     * The viewer folder to serve, or null: none when --no-viewer; the given folder if it holds a
     * viewer; the default folder if bin/fetch-ohif filled it (else a warning, and DICOMweb only).
     */
    private Path viewer() {
        if (noViewer) {
            return null;
        }
        Path candidate = viewerDir != null ? viewerDir : OhifViewer.defaultDirectory();
        if (OhifViewer.isInstalled(candidate)) {
            return candidate;
        }
        if (viewerDir == null) {
            System.err.println("pacslite serve: the OHIF viewer is not installed in " + candidate
                    + "; run bin/fetch-ohif to serve it at /");
        }
        return null;
    }

    /** The host to put in a URL for a browser: the bound address, or localhost for the wildcard. */
    private String browserHost() {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
    }

    /**
     * Stops gracefully: both servers stop accepting at once; running HTTP requests finish and
     * each association finishes the message it is serving (then it is aborted), both bounded
     * by the web configuration's shutdown timeout; then the archive closes.
     */
    private static void stop(DicomWebServer web, DimseServer server, Archive archive) {
        try {
            Thread dimse = Thread.ofVirtual().name("dimse-stop").start(() -> {
                try {
                    server.close(DicomWebConfig.DEFAULTS.shutdownTimeout());
                } catch (IOException e) {
                    System.err.println("pacslite serve: while stopping DIMSE: " + e);
                }
            });
            if (web != null) {
                web.close();
            }
            dimse.join();
            archive.close();
        } catch (Exception e) {
            System.err.println("pacslite serve: while stopping: " + e);
        }
    }
}
