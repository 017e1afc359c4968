package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the server does with peers that break PS3.8, and that it keeps serving afterwards. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerBadInputTest {

    private static final Duration ARTIM = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofSeconds(2);

    private DimseServer server;

    @BeforeEach
    void start() throws Exception {
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                DimseServices.verificationOnly(), new Timeouts(ARTIM, IDLE));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void closesSilentConnectionAfterArtim() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            long started = System.nanoTime();

            assertThat(peer.read()).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(ARTIM.minusMillis(100),
                    ARTIM.plusSeconds(5));
        }
        assertEchoscuSucceeds();
    }

    @Test
    void abortsOrClosesOnGarbageAndKeepsServing() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] garbage = new byte[64];
            new Random(seed).nextBytes(garbage);
            try (RawPeer peer = new RawPeer(server.port())) {
                peer.send(garbage);

                assertThat(peer.closedByServer()).as("seed %d", seed).isTrue();
            }
        }
        assertEchoscuSucceeds();
    }

    @Test
    void abortsPduTooLongBeforeAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(new byte[] {0x01, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});

            assertThat(peer.read()).contains(Abort.byServiceUser()); // AA-1, PS3.8 Table 9-10 Sta2/Evt19
            assertThat(peer.closedByServer()).isTrue();
        }
        assertEchoscuSucceeds();
    }

    @Test
    void abortsPresentationDataValueLongerThanItsPdu() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();
            byte[] lying = PduCodec.encode(echoFragment(1));
            lying[9] += 100; // item length (bytes 6-9) now runs past the end of the PDU

            peer.send(lying);

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE));
            assertThat(peer.closedByServer()).isTrue();
        }
        assertEchoscuSucceeds();
    }

    @Test
    void abortsDataOnUnacceptedPresentationContext() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(echoFragment(3));

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE));
        }
        assertEchoscuSucceeds();
    }

    @Test
    void abortsUnexpectedPduOnEstablishedAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(RawPeer.verificationRequest());

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.UNEXPECTED_PDU)); // AA-8
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void abortsIdleAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();
            long started = System.nanoTime();

            Optional<Pdu> abort = peer.read();

            assertThat(abort).contains(Abort.byServiceUser());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(IDLE.minusMillis(100));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void releasesOnRequest() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(new ReleaseRq());

            assertThat(peer.read()).contains(new ReleaseRp());
            assertThat(peer.closedByServer()).isTrue(); // Sta13: AR-4 started ARTIM, Evt18 closes
        }
    }

    /** A one-fragment P-DATA-TF of a few command bytes on {@code contextId}. */
    private static PDataTf echoFragment(int contextId) {
        return new PDataTf(List.of(new PresentationDataValue(contextId, true, true, Bytes.of(new byte[8]))));
    }

    private void assertEchoscuSucceeds() throws Exception {
        Echoscu.Result result = Echoscu.run(server.port(), "PACSLITE");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
