package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.testing.Dcmtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of a scripted DIMSE session with dcmtk's tools (docs/security.md, "Audit
 * trail"), under {@link AeRulesDcmtkTest#RULES}: a modality stores three instances, a workstation queries and retrieves them with
 * C-FIND, C-GET and a C-MOVE to an unknown destination, and a blocked AE title is rejected.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseAuditTest {

    private static final String PATIENT_ID = "STORE-TEST";

    @TempDir
    Path root;
    @TempDir
    Path work;
    private ArchiveServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recordsWhoStoredQueriedRetrievedAndWhoWasRefused() throws Exception {
        server = ArchiveServer.start(root, AeTable.none(), AcceptancePolicy.defaults().withAeRules(AeRulesDcmtkTest.RULES));
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            files.add(Instances.write(work.resolve(i + ".dcm"), "1.2.826.0.1.3680043.10.1234.1.1.66." + i,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).toString());
        }
        Files.createDirectories(work.resolve("out"));

        assertThat(dcmtk("storescu", List.of("-aet", "CT01"), files).exitCode()).isZero();
        assertThat(dcmtk("findscu", List.of("-S", "-aet", "WORKSTATION", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "PatientID=" + PATIENT_ID, "-k", "StudyInstanceUID"), List.of()).exitCode()).isZero();
        assertThat(dcmtk("getscu", List.of("-S", "-aet", "WORKSTATION", "-od", work.resolve("out").toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + Instances.STUDY_UID), List.of())
                .exitCode()).isZero();
        dcmtk("movescu", List.of("-S", "-aet", "WORKSTATION", "-aem", "NOWHERE", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + Instances.STUDY_UID), List.of());
        assertThat(dcmtk("echoscu", List.of("-aet", "BLOCKED"), List.of()).output()).contains("Association Rejected");

        List<AuditEvent> events = server.closeAndReadAuditTrail();
        server = null;

        assertThat(events).extracting(AuditEvent::action)
                .containsExactly(Action.STORE, Action.QUERY, Action.RETRIEVE, Action.RETRIEVE, Action.REFUSED);
        AuditEvent store = events.get(0);
        assertThat(store.who()).isEqualTo("CT01");
        assertThat(store.address()).isEqualTo("CT01@127.0.0.1");
        assertThat(store.studyUid()).isEqualTo(Instances.STUDY_UID);
        assertThat(store.outcome()).isEqualTo("0000 stored 3");
        AuditEvent query = events.get(1);
        assertThat(query.who()).isEqualTo("WORKSTATION");
        assertThat(query.queryKeys()).containsExactly("PatientID");
        assertThat(query.outcome()).startsWith("0000 matches 1");
        AuditEvent get = events.get(2);
        assertThat(get.studyUid()).isEqualTo(Instances.STUDY_UID);
        assertThat(get.outcome()).isEqualTo("0000, completed 3, failed 0, warning 0");
        assertThat(events.get(3).outcome()).startsWith("A801 to NOWHERE: Move Destination 'NOWHERE'");
        AuditEvent refused = events.get(4);
        assertThat(refused.who()).isEqualTo("BLOCKED");
        assertThat(refused.outcome()).startsWith("association rejected: calling AE title 'BLOCKED'");
        assertThat(events).as("no query value, which may be PHI, is recorded").noneMatch(event ->
                String.valueOf(event.outcome()).contains(PATIENT_ID) || event.queryKeys().contains(PATIENT_ID));
    }

    private Dcmtk.Result dcmtk(String tool, List<String> options, List<String> files) throws Exception {
        List<String> command = new ArrayList<>(options);
        command.addAll(List.of("-aec", "PACSLITE", "127.0.0.1", Integer.toString(server.port())));
        command.addAll(files);
        return Dcmtk.run(work, tool, command);
    }
}
