package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.Abort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server while associations are open ({@link DimseServer#close(Duration)}): a
 * C-STORE whose data set is arriving is received, stored and answered, then the association
 * is aborted; an idle association is aborted at once; the stop does not wait out its grace
 * period for them. Without grace, the data set in flight is cut and nothing of it stays.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerStopTest {

    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.8";
    private static final int FRAGMENT = 256;
    /** Far longer than any of these stops takes, so that a stop that waited it out would fail the test's timeout. */
    private static final Duration GRACE = Duration.ofSeconds(120);

    @TempDir
    Path root;
    @TempDir
    Path files;
    private ArchiveServer server;

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void finishesTheStoreInFlightThenAborts() throws Exception {
        byte[] dataset = Instances.encoded(SOP, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        try (RawPeer peer = halfwayThrough(dataset)) {
            Thread stopping = stopInBackground();
            awaitNotAccepting();
            sendRest(peer, dataset);

            CStoreRsp response = (CStoreRsp) peer.readResponse();
            assertThat(response.status()).isEqualTo(Status.SUCCESS);
            assertThat(peer.read()).containsInstanceOf(Abort.class);
            assertThat(peer.closedByServer()).isTrue();
            stopping.join();
        }
        Path stored = server.storedFile(SOP);
        assertThat(datasetBytes(stored)).isEqualTo(dataset);
    }

    @Test
    void abortsAnIdleAssociationWithoutWaitingOutTheGrace() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            Thread stopping = stopInBackground();

            assertThat(peer.read()).containsInstanceOf(Abort.class);
            assertThat(peer.closedByServer()).isTrue();
            stopping.join();
        }
        assertThat(server.accepting()).isFalse();
    }

    @Test
    void withoutGraceCutsTheDataSetInFlightAndKeepsNothingOfIt() throws Exception {
        try (RawPeer peer = halfwayThrough(Instances.encoded(SOP, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))) {
            server.stopServing(Duration.ZERO);

            assertThat(peer.closedByServer()).isTrue();
        }
        assertThat(server.archive().index().find(SOP)).isNull();
        assertThat(server.filesUnder("data")).isEmpty();
        assertThat(server.filesUnder("tmp")).isEmpty();
    }

    /** A peer associated for CT that has sent a C-STORE-RQ for {@link #SOP} and the first half of {@code dataset}. */
    private RawPeer halfwayThrough(byte[] dataset) throws IOException {
        RawPeer peer = new RawPeer(server.port());
        peer.associate(RawPeer.ctStorageRequest());
        peer.sendStoreCommand(UID.CTImageStorage, SOP);
        peer.sendDataSet(dataset, dataset.length / 2, FRAGMENT, false);
        return peer;
    }

    /** Starts {@code stopServing(GRACE)} on its own thread. */
    private Thread stopInBackground() {
        return Thread.ofVirtual().start(() -> {
            try {
                server.stopServing(GRACE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Waits until the stop has begun: the server no longer takes connections. */
    private void awaitNotAccepting() throws InterruptedException {
        while (server.accepting()) {
            Thread.sleep(10);
        }
    }

    private static void sendRest(RawPeer peer, byte[] dataset) throws Exception {
        int half = dataset.length / 2;
        byte[] rest = Arrays.copyOfRange(dataset, half, dataset.length);
        peer.sendDataSet(rest, rest.length, FRAGMENT, true);
    }
}
