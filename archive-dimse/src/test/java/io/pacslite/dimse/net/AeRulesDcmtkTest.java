package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import io.pacslite.dimse.testing.Dcmtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-AE rules against dcmtk's tools: CT01 may store and echo, WORKSTATION query and
 * retrieve, BLOCKED nothing, any other calling AE title only echo.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AeRulesDcmtkTest {

    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.77";
    static final AeRules RULES = new AeRules(Map.of(
            "CT01", Set.of(Permission.STORE, Permission.ECHO),
            "WORKSTATION", Set.of(Permission.QUERY, Permission.RETRIEVE),
            "BLOCKED", Set.of()), Set.of(Permission.ECHO));

    @TempDir
    Path root;
    @TempDir
    Path work;
    private ArchiveServer server;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root, AeTable.none(), AcceptancePolicy.defaults().withAeRules(RULES));
        file = Instances.write(work.resolve("ct.dcm"), SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void storesOnlyFromAnAeTitleThatMayStore() throws Exception {
        Dcmtk.Result workstation = storescu("WORKSTATION");
        Dcmtk.Result other = storescu("SOMEONE");

        assertThat(workstation.exitCode()).as(workstation.output()).isNotZero();
        assertThat(workstation.output()).contains("No Acceptable Presentation Contexts");
        assertThat(other.output()).contains("No Acceptable Presentation Contexts");
        assertThat(server.archive().index().find(SOP)).isNull();

        Dcmtk.Result ct = storescu("CT01");

        assertThat(ct.exitCode()).as(ct.output()).isZero();
        assertThat(server.storedFile(SOP)).isRegularFile();
    }

    @Test
    void queriesAndRetrievesOnlyFromAnAeTitleThatMay() throws Exception {
        assertThat(storescu("CT01").exitCode()).isZero();

        Dcmtk.Result ctFind = findscu("CT01");
        Dcmtk.Result workstationFind = findscu("WORKSTATION");
        Dcmtk.Result workstationGet = getscu("WORKSTATION");

        assertThat(ctFind.exitCode()).as(ctFind.output()).isNotZero();
        assertThat(ctFind.output()).contains("No Acceptable Presentation Contexts");
        assertThat(workstationFind.exitCode()).as(workstationFind.output()).isZero();
        assertThat(workstationFind.output()).contains("Received Final Find Response (Success)");
        assertThat(workstationGet.exitCode()).as(workstationGet.output()).isZero();
        assertThat(received()).hasSize(1);
    }

    @Test
    void rejectsAnAeTitleThatMayDoNothingAndKeepsServing() throws Exception {
        Dcmtk.Result blocked = Dcmtk.run(work, "echoscu", List.of("-aet", "BLOCKED", "-aec", "PACSLITE",
                "127.0.0.1", Integer.toString(server.port())));
        Dcmtk.Result other = Dcmtk.run(work, "echoscu", List.of("-aet", "SOMEONE", "-aec", "PACSLITE",
                "127.0.0.1", Integer.toString(server.port())));

        assertThat(blocked.exitCode()).as(blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        assertThat(other.exitCode()).as(other.output()).isZero();
    }

    /**
     * WORKSTATION may retrieve, so a CT Storage context in which it is SCP is accepted for
     * C-GET; a C-STORE-RQ it sends there anyway is refused, 0124H, and nothing is stored.
     */
    @Test
    void refusesAStoreOnAContextAcceptedForGetSubOperationsOnly() throws Exception {
        AssociateRq ct = RawPeer.ctStorageRequest();
        AssociateRq rq = new AssociateRq(ct.protocolVersion(), ct.calledAeTitle(), "WORKSTATION",
                ct.applicationContextName(), ct.presentationContexts(), UserInformation.of(new MaximumLength(16384),
                        new RoleSelection(UID.CTImageStorage, true, true)));
        byte[] dataset = Instances.encoded(SOP, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.associate(rq).userInformation().roleSelections())
                    .containsExactly(new RoleSelection(UID.CTImageStorage, false, true));
            peer.sendStoreCommand(UID.CTImageStorage, SOP);
            peer.sendDataSet(dataset, dataset.length, 4096, true);

            assertThat(((CStoreRsp) peer.readResponse()).status()).isEqualTo(Status.NOT_AUTHORIZED);
        }
        assertThat(server.archive().index().find(SOP)).isNull();
    }

    private Dcmtk.Result storescu(String callingAeTitle) throws Exception {
        return Dcmtk.run(work, "storescu", List.of("-v", "-aet", callingAeTitle, "-aec", "PACSLITE", "127.0.0.1",
                Integer.toString(server.port()), file.toString()));
    }

    private Dcmtk.Result findscu(String callingAeTitle) throws Exception {
        return Dcmtk.run(work, "findscu", List.of("-v", "-S", "-aet", callingAeTitle, "-aec", "PACSLITE",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1",
                Integer.toString(server.port())));
    }

    private Dcmtk.Result getscu(String callingAeTitle) throws Exception {
        Files.createDirectories(work.resolve("out"));
        List<String> command = new ArrayList<>(List.of("-v", "-S", "+B", "-aet", callingAeTitle, "-aec", "PACSLITE",
                "-od", work.resolve("out").toString(), "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + Instances.STUDY_UID, "127.0.0.1", Integer.toString(server.port())));
        return Dcmtk.run(work, "getscu", command);
    }

    private List<Path> received() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("out"))) {
            return files.toList();
        }
    }
}
