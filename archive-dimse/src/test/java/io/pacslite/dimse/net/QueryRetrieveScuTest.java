package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRsp;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.SubOperations;
import io.pacslite.dimse.pdu.PresentationContextRq;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link QueryRetrieveScu} against the archive's own Q/R SCP: what dcmtk's tools cannot be made
 * to do on cue, such as a C-GET whose requestor takes only some of the SOP Classes (failed
 * sub-operations and their Failed SOP Instance UID List), counts in every pending response, and a
 * find cancelled by the requestor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryRetrieveScuTest extends QueryServerTest {

    private static final String GET = UID.StudyRootQueryRetrieveInformationModelGet;

    @Test
    void getFailsTheInstancesOfSopClassesTheRequestorDidNotTakeAndListsThem() throws Exception {
        Map<String, byte[]> received = new TreeMap<>();
        List<SubOperations> pending = new ArrayList<>();
        QueryRetrieveScu.Retrieved<CGetRsp> retrieved;
        try (Association association = Association.open(peer(), "GETSCU",
                PresentationContexts.forGet(GET, List.of(UID.CTImageStorage), List.of(), List.of()),
                PresentationContexts.scpRoles(List.of(UID.CTImageStorage)), Timeouts.defaults())) {
            retrieved = QueryRetrieveScu.get(association, GET, study(uid("9", "1")), (request, syntax, dataset) -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                dataset.transferTo(bytes);
                received.put(request.affectedSopInstanceUid(), bytes.toByteArray());
                return Status.SUCCESS;
            }, pending::add);
        }

        CGetRsp last = retrieved.response();
        assertThat(last.status()).isEqualTo(Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES);
        assertThat(last.subOperations()).isEqualTo(new SubOperations(null, 3, 1, 0));
        assertThat(retrieved.identifier().getStrings(Tag.FailedSOPInstanceUIDList))
                .containsExactly(uid("9", "1", "2", "1"));
        assertThat(pending).extracting(SubOperations::remaining).containsExactly(3, 2, 1, 0);
        assertThat(received.keySet()).containsExactly(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"),
                uid("9", "1", "1", "3"));
        for (Map.Entry<String, byte[]> instance : received.entrySet()) {
            assertThat(instance.getValue()).isEqualTo(datasetBytes(server.storedFile(instance.getKey())));
        }
    }

    @Test
    void getReencodesIntoImplicitVrLittleEndianForARequestorThatTakesOnlyThat() throws Exception {
        String sop = uid("9", "1", "1", "1");
        List<TransferSyntax> syntaxes = new ArrayList<>();
        List<byte[]> received = new ArrayList<>();
        Attributes image = study(uid("9", "1"));
        image.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
        image.setString(Tag.SeriesInstanceUID, VR.UI, uid("9", "1", "1"));
        image.setString(Tag.SOPInstanceUID, VR.UI, sop);
        QueryRetrieveScu.Retrieved<CGetRsp> retrieved;
        try (Association association = Association.open(peer(), "GETSCU", List.of(
                        new PresentationContextRq(1, GET, List.of(UID.ExplicitVRLittleEndian)),
                        new PresentationContextRq(3, UID.CTImageStorage, List.of(UID.ImplicitVRLittleEndian))),
                PresentationContexts.scpRoles(List.of(UID.CTImageStorage)), Timeouts.defaults())) {
            retrieved = QueryRetrieveScu.get(association, GET, image, (request, syntax, dataset) -> {
                syntaxes.add(syntax);
                received.add(dataset.readAllBytes());
                return Status.SUCCESS;
            }, counts -> { });
        }

        assertThat(retrieved.response().status()).isEqualTo(Status.SUCCESS);
        assertThat(syntaxes).containsExactly(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Attributes stored;
        try (DicomReader reader = DicomReader.open(server.storedFile(sop))) {
            stored = reader.readFile().dataset();
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new DicomWriter(expected).writeDataset(stored, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(received.get(0)).isEqualTo(expected.toByteArray());
    }

    @Test
    void moveStoresIntoAnotherArchiveWithCountsInEachPendingResponse() throws Exception {
        String move = UID.PatientRootQueryRetrieveInformationModelMove;
        List<SubOperations> pending = new ArrayList<>();
        Attributes patient = new Attributes();
        patient.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
        patient.setString(Tag.PatientID, VR.LO, "P2");
        QueryRetrieveScu.Retrieved<CMoveRsp> retrieved;
        try (Association association = Association.open(peer(), "MOVESCU", PresentationContexts.forQueryRetrieve(move),
                Timeouts.defaults())) {
            retrieved = QueryRetrieveScu.move(association, move, QueryServer.MoveDestination.AE_TITLE, patient, pending::add);
        }

        assertThat(retrieved.response().status()).isEqualTo(Status.SUCCESS);
        assertThat(retrieved.response().subOperations()).isEqualTo(new SubOperations(null, 2, 0, 0));
        assertThat(retrieved.identifier()).isNull();
        assertThat(pending).containsExactly(new SubOperations(1, 1, 0, 0), new SubOperations(0, 2, 0, 0));
        for (String sop : List.of(uid("9", "2", "1", "1"), uid("9", "2", "1", "2"))) {
            assertThat(datasetBytes(destination.storedFile(sop)))
                    .isEqualTo(datasetBytes(server.storedFile(sop)));
        }
    }

    @Test
    void findHandsOutNoMoreMatchesOnceTheRequestorCancelsAndTheAssociationGoesOn() throws Exception {
        String find = UID.StudyRootQueryRetrieveInformationModelFind;
        Attributes everyImage = new Attributes();
        everyImage.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
        everyImage.set(Tag.SOPInstanceUID, VR.UI, null);
        List<Attributes> first = new ArrayList<>();
        List<Attributes> second = new ArrayList<>();
        CFindRsp cancelled;
        CFindRsp completed;
        try (Association association = Association.open(peer(), "FINDSCU", PresentationContexts.forQueryRetrieve(find),
                Timeouts.defaults())) {
            cancelled = QueryRetrieveScu.find(association, find, everyImage, match -> first.add(match) && false);
            completed = QueryRetrieveScu.find(association, find, everyImage, second::add);
        }

        assertThat(first).hasSize(1);
        // the SCP may have sent every match before the C-CANCEL-RQ reached it (PS3.7 9.3.2.3)
        assertThat(cancelled.status()).isIn(Status.CANCEL, Status.SUCCESS);
        assertThat(completed.status()).isEqualTo(Status.SUCCESS);
        assertThat(second).hasSizeGreaterThan(20);
    }

    private static RemoteAe peer() {
        return new RemoteAe("127.0.0.1", server.port(), "PACSLITE");
    }

    private static Attributes study(String studyInstanceUid) {
        Attributes identifier = new Attributes();
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        identifier.setString(Tag.StudyInstanceUID, VR.UI, studyInstanceUid);
        return identifier;
    }
}
