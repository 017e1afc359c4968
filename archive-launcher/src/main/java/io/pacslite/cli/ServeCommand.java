package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.Timeouts;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite serve}: the archive as a DICOM node. Takes C-ECHO and C-STORE on the DIMSE
 * port until it is stopped (SIGTERM or Ctrl-C), then stops accepting, closes the open
 * associations and closes the archive cleanly.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the archive: accept C-ECHO and C-STORE (DIMSE) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Option(names = "--ae-title", defaultValue = AcceptancePolicy.DEFAULT_AE_TITLE,
            description = "The archive's AE title. Default: ${DEFAULT-VALUE}.")
    private String aeTitle;

    @Option(names = "--dicom-port", defaultValue = "11112",
            description = "TCP port for DIMSE (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int dicomPort;

    @Option(names = "--bind", defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (all).")
    private String bind;

    @Override
    public Integer call() throws Exception {
        AcceptancePolicy policy = AcceptancePolicy.defaults().withAeTitle(aeTitle);
        Archive opened = archive.open();
        DimseServer server;
        try {
            server = DimseServer.start(new InetSocketAddress(bind, dicomPort), policy, DimseServices.archive(opened),
                    Timeouts.defaults());
        } catch (Exception e) {
            opened.close();
            System.err.println("pacslite serve: cannot listen on " + bind + ":" + dicomPort + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                server.close();
                opened.close();
            } catch (Exception e) {
                System.err.println("pacslite serve: while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "pacslite-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.printf("PACS-lite serving %s: DIMSE %s on %s:%d%n", archive.dataDir.toAbsolutePath(), aeTitle, bind,
                server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
