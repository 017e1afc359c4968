package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The requestor against a scripted acceptor: release collision, aborts, unexpected PDUs, small PDUs, silence. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AssociationPeerTest {

    private static final Timeouts QUICK = Timeouts.requestor(Duration.ofMillis(500));

    @TempDir
    Path files;

    @Test
    void answersAReleaseCollisionAsRequestor() throws Exception {
        try (RawAcceptor peer = new RawAcceptor(acceptor -> {
            acceptor.accept(16384);
            assertThat(acceptor.read()).get().isInstanceOf(ReleaseRq.class);
            acceptor.send(new ReleaseRq());
            // PS3.8 Table 9-10: the requestor, in Sta9, answers first (AR-9); then the acceptor (AR-3 on its side)
            assertThat(acceptor.read()).get().isInstanceOf(ReleaseRp.class);
            acceptor.send(new ReleaseRp());
            assertThat(acceptor.read()).isEmpty();
        })) {
            Association association = open(peer, Timeouts.defaults());

            association.release();

            assertThat(association.isEstablished()).isFalse();
            peer.finish();
        }
    }

    @Test
    void reportsAnAbortFromThePeer() throws Exception {
        try (RawAcceptor peer = new RawAcceptor(acceptor -> {
            acceptor.accept(16384);
            assertThat(acceptor.read()).get().isInstanceOf(PDataTf.class);
            acceptor.send(Abort.byServiceProvider(Abort.Reason.UNRECOGNIZED_PDU));
        })) {
            Association association = open(peer, Timeouts.defaults());

            assertThatThrownBy(association::echo)
                    .isInstanceOfSatisfying(AssociationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.ABORTED_BY_PEER))
                    .hasMessageContaining("aborted the association (source service-provider, reason unrecognized-pdu)");
            assertThat(association.isEstablished()).isFalse();
            peer.finish();
        }
    }

    @Test
    void abortsOnAnUnexpectedPdu() throws Exception {
        try (RawAcceptor peer = new RawAcceptor(acceptor -> {
            AssociateRq rq = acceptor.accept(16384);
            assertThat(acceptor.read()).get().isInstanceOf(PDataTf.class);
            acceptor.send(rq); // an A-ASSOCIATE-RQ in Sta6: Evt6, AA-8
            assertThat(acceptor.read()).contains(Abort.byServiceProvider(Abort.Reason.UNEXPECTED_PDU));
        })) {
            Association association = open(peer, QUICK);

            assertThatThrownBy(association::echo)
                    .isInstanceOfSatisfying(AssociationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.ABORTED))
                    .hasMessageContaining("unexpected AssociateRq");
            peer.finish();
        }
    }

    @Test
    void timesOutWhenNoAnswerToTheAssociateRequestComes() throws Exception {
        try (RawAcceptor peer = new RawAcceptor(acceptor -> {
            assertThat(acceptor.read()).get().isInstanceOf(AssociateRq.class);
            assertThat(acceptor.read()).contains(Abort.byServiceUser());
        })) {
            assertThatThrownBy(() -> open(peer, QUICK))
                    .isInstanceOfSatisfying(AssociationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.TIMEOUT))
                    .hasMessageContaining("no A-ASSOCIATE-AC from RAWSCP@127.0.0.1:")
                    .hasMessageContaining("within 500 ms");
            peer.finish();
        }
    }

    @Test
    void fragmentsTheDataSetToThePeersMaximumLength() throws Exception {
        int maxPduLength = 1000;
        Path file = AssociationTest.large(files.resolve("f.dcm"), "1.2.826.0.1.3680043.10.1234.3.1", 20_000);
        StoreRequest request = StoreRequest.of(file);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (RawAcceptor peer = new RawAcceptor(acceptor -> {
            int context = RawAcceptor.first(acceptor.accept(maxPduLength)).id();
            CStoreRq command = (CStoreRq) CommandCodec.decode(valuesOf(acceptor.read(), maxPduLength).fragment()
                    .toByteArray());
            boolean last = false;
            while (!last) {
                PresentationDataValue value = valuesOf(acceptor.read(), maxPduLength);
                assertThat(value.command()).isFalse();
                assertThat(value.fragment().length() % 2).as("PS3.8 Annex E.1: even fragments").isZero();
                received.writeBytes(value.fragment().toByteArray());
                last = value.lastFragment();
            }
            acceptor.send(new PDataTf(List.of(new PresentationDataValue(context, true, true, Bytes.of(
                    CommandCodec.encode(CStoreRsp.answering(command, Status.SUCCESS)))))));
            assertThat(acceptor.read()).get().isInstanceOf(ReleaseRq.class);
            acceptor.send(new ReleaseRp());
        })) {
            try (Association association = open(peer, Timeouts.defaults(), List.of(request))) {
                assertThat(association.store(request).status()).isEqualTo(Status.SUCCESS);
            }
            peer.finish();
        }
        assertThat(received.toByteArray()).isEqualTo(datasetBytes(file));
    }

    /** The one presentation data value of a P-DATA-TF, checking the PDU kept within {@code maxPduLength}. */
    private static PresentationDataValue valuesOf(Optional<Pdu> pdu, int maxPduLength) {
        PDataTf data = (PDataTf) pdu.orElseThrow();
        assertThat(PduCodec.encode(data).length - PduCodec.HEADER_LENGTH).isLessThanOrEqualTo(maxPduLength);
        assertThat(data.values()).hasSize(1);
        return data.values().getFirst();
    }

    private static Association open(RawAcceptor peer, Timeouts timeouts) throws AssociationException {
        return Association.open(peer.ae(), "TESTSCU", PresentationContexts.verification(), timeouts);
    }

    private static Association open(RawAcceptor peer, Timeouts timeouts, List<StoreRequest> requests)
            throws AssociationException {
        return Association.open(peer.ae(), "TESTSCU", PresentationContexts.forStorage(requests), timeouts);
    }
}
