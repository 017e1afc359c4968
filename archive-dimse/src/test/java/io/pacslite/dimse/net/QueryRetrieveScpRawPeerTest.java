package io.pacslite.dimse.net;

import static io.pacslite.dimse.net.RawPeer.command;
import static io.pacslite.dimse.net.RawPeer.dataSet;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.message.CCancelRq;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.message.SubOperations;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Q/R SCP driven by hand on a raw socket, for what dcmtk's tools cannot do on cue: a
 * C-CANCEL-RQ that is on the wire before the first match or sub-operation, and bad Identifiers
 * followed by a good query on the same association.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryRetrieveScpRawPeerTest extends QueryServerTest {

    private static final String FIND = UID.StudyRootQueryRetrieveInformationModelFind;
    private static final String MOVE = UID.StudyRootQueryRetrieveInformationModelMove;

    @Test
    void stopsWithCancelStatusAndThenAnswersTheNextQuery() throws Exception {
        try (RawPeer peer = associate(FIND)) {
            Attributes everyImage = identifier("IMAGE");
            peer.send(new PDataTf(List.of(command(new CFindRq(1, FIND, Priority.MEDIUM)), dataSet(everyImage),
                    command(new CCancelRq(1)))));
            List<Response> cancelled = responses(peer);

            peer.send(new PDataTf(List.of(command(new CFindRq(2, FIND, Priority.MEDIUM)), dataSet(everyImage))));
            List<Response> all = responses(peer);

            assertThat(cancelled).hasSize(2);
            assertThat(status(cancelled.get(0))).isEqualTo(Status.PENDING);
            assertThat(status(cancelled.get(1))).isEqualTo(Status.CANCEL);
            assertThat(cancelled.get(1).message().hasDataSet()).isFalse();
            assertThat(status(all.getLast())).isEqualTo(Status.SUCCESS);
            assertThat(all).hasSizeGreaterThan(20);
        }
    }

    @Test
    void stopsAMoveAfterTheFirstSubOperationOnCancel() throws Exception {
        try (RawPeer peer = associate(MOVE)) {
            Attributes study = identifier("STUDY");
            study.setString(Tag.StudyInstanceUID, VR.UI, uid("9", "1"));
            peer.send(new PDataTf(List.of(command(new CMoveRq(1, MOVE, Priority.MEDIUM, QueryServer.MoveDestination.AE_TITLE)), dataSet(study),
                    command(new CCancelRq(1)))));
            List<Response> responses = responses(peer);

            assertThat(responses).extracting(QueryRetrieveScpRawPeerTest::status).containsExactly(Status.PENDING,
                    Status.CANCEL);
            CMoveRsp last = (CMoveRsp) responses.getLast().message();
            assertThat(last.subOperations()).isEqualTo(new SubOperations(3, 1, 0, 0));
            assertThat(Stream.of(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"), uid("9", "1", "1", "3"),
                    uid("9", "1", "2", "1")).filter(sop -> destination.archive().index().find(sop) != null)).hasSize(1);
        }
    }

    @Test
    void refusesBadIdentifiersWithTheirReasonAndKeepsServing() throws Exception {
        try (RawPeer peer = associate(FIND)) {
            Attributes unknownLevel = identifier("PATIENT");
            Attributes noLevel = identifier("STUDY");
            noLevel.remove(Tag.QueryRetrieveLevel);
            Attributes badDate = identifier("STUDY");
            badDate.setString(Tag.StudyDate, VR.DA, "2020-01-01");
            Attributes good = identifier("STUDY");
            good.setString(Tag.StudyInstanceUID, VR.UI, uid("9", "1"));

            List<DimseMessage> answers = new ArrayList<>();
            int messageId = 1;
            for (Attributes identifier : List.of(unknownLevel, noLevel, badDate, good)) {
                peer.send(new PDataTf(List.of(command(new CFindRq(messageId++, FIND, Priority.MEDIUM)),
                        dataSet(identifier))));
                answers.add(responses(peer).getLast().message());
            }

            assertThat(answers).extracting(QueryRetrieveScpRawPeerTest::status).containsExactly(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    Status.SUCCESS);
            assertThat(((CFindRsp) answers.get(0)).errorComment()).isEqualTo("QueryRetrieveLevel 'PATIENT' is not a level of "
                    + "STUDY_ROOT");
            assertThat(((CFindRsp) answers.get(1)).errorComment()).isEqualTo("QueryRetrieveLevel (0008,0052) is missing");
            assertThat(((CFindRsp) answers.get(2)).errorComment()).startsWith("(0008,0020) StudyDate");
        }
    }

    /**
     * An A-RELEASE-RQ that comes while a C-FIND runs ends it: the association is released
     * (AR-2, AR-4), so no final response follows. The acceptor then waits in Sta13 for the
     * requestor to close (PS3.8 section 9.2, Table 9-10): a PDU sent there is answered with an
     * A-ABORT (Evt6, AA-7), the connection still open.
     */
    @Test
    void releaseDuringAFindEndsItAndTheAcceptorAwaitsTheClose() throws Exception {
        try (RawPeer peer = associate(FIND)) {
            ByteArrayOutputStream findThenRelease = new ByteArrayOutputStream();
            findThenRelease.writeBytes(PduCodec.encode(new PDataTf(List.of(
                    command(new CFindRq(1, FIND, Priority.MEDIUM)), dataSet(identifier("IMAGE"))))));
            findThenRelease.writeBytes(PduCodec.encode(new ReleaseRq()));
            peer.send(findThenRelease.toByteArray()); // one write: the release is there at the first match

            List<Pdu> beforeTheRelease = new ArrayList<>();
            Pdu pdu;
            while (!((pdu = peer.read().orElseThrow()) instanceof ReleaseRp)) {
                beforeTheRelease.add(pdu);
            }
            peer.send(RawPeer.verificationRequest());

            assertThat(beforeTheRelease).isNotEmpty().allMatch(PDataTf.class::isInstance);
            assertThat(peer.read()).get().isInstanceOfSatisfying(Abort.class,
                    abort -> assertThat(abort.reason()).isEqualTo(Abort.Reason.UNEXPECTED_PDU));
        }
    }

    private record Response(DimseMessage message, byte[] dataSet) {
    }

    private static Status status(Response response) {
        return status(response.message());
    }

    private static Status status(DimseMessage response) {
        return switch (response) {
            case CFindRsp find -> find.status();
            case CMoveRsp move -> move.status();
            default -> throw new AssertionError("not a C-FIND-RSP or C-MOVE-RSP: " + response);
        };
    }

    /** Reads responses up to the final one (not Pending), with the data sets of the pending ones. */
    private static List<Response> responses(RawPeer peer) throws Exception {
        List<Response> responses = new ArrayList<>();
        DimseMessage awaiting = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            PDataTf data = (PDataTf) peer.read().orElseThrow();
            for (PresentationDataValue value : data.values()) {
                if (value.command()) {
                    DimseMessage response = CommandCodec.decode(value.fragment().toByteArray());
                    if (!response.hasDataSet()) {
                        responses.add(new Response(response, null));
                        if (status(response).type() != StatusType.PENDING) {
                            return responses;
                        }
                    }
                    awaiting = response;
                } else {
                    bytes.writeBytes(value.fragment().toByteArray());
                    if (value.lastFragment()) {
                        responses.add(new Response(awaiting, bytes.toByteArray()));
                        bytes.reset();
                    }
                }
            }
        }
    }

    private static RawPeer associate(String sopClass) throws IOException {
        RawPeer peer = new RawPeer(server.port());
        peer.associate(new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, sopClass, List.of(UID.ImplicitVRLittleEndian))),
                UserInformation.of(new MaximumLength(16384))));
        return peer;
    }

    private static Attributes identifier(String level) {
        Attributes identifier = new Attributes(false, 4);
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        identifier.set(Tag.StudyInstanceUID, VR.UI, null);
        identifier.set(Tag.SOPInstanceUID, VR.UI, null);
        return identifier;
    }
}
